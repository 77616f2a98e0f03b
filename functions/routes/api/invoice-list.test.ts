import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../../../test/support/api";
import { makeInvoice, makeOwner, makePayment } from "../../../test/support/factories";
import { startTestApp, type TestApp } from "../../../test/support/test-app";
import { invoicePageResponse } from "./schemas/responses";

let t: TestApp;
let api: ReturnType<typeof apiAs>;
let businessId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const owner = await makeOwner(t.db, { timezone: "America/Los_Angeles" });
  api = apiAs(t, owner.key);
  businessId = owner.business.id;
  // Created one minute apart, oldest first; "today" is 2026-11-25 in Los Angeles.
  const specs = [
    ["draft", { status: "draft" as const, customerName: "Ada Lovelace" }],
    ["due", { status: "sent" as const, dueDate: "2026-12-31" }],
    [
      "overdue",
      { status: "sent" as const, dueDate: "2026-11-01", customerEmail: "late@example.com" },
    ],
    ["paid", { status: "sent" as const, dueDate: "2026-11-01" }],
    ["viewed", { status: "sent" as const, firstViewedAt: new Date("2026-11-24T10:00:00Z") }],
    ["void", { status: "void" as const }],
  ] as const;
  for (const [i, [name, values]] of specs.entries()) {
    const { invoice } = await makeInvoice(t.db, {
      businessId,
      number: `L-${name}_%`,
      createdAt: new Date(Date.UTC(2026, 10, 20, 12, i)),
      ...values,
    });
    ids[name] = invoice.id;
  }
  await makePayment(t.db, { invoiceId: ids.paid ?? "", amount: 10_000 });
  // Another business's invoices never show up.
  const other = await makeOwner(t.db);
  await makeInvoice(t.db, { businessId: other.business.id, customerName: "Ada Lovelace" });
});
afterAll(() => t.close());

async function list(query = "") {
  const answer = await api("GET", `/invoices${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return invoicePageResponse.parse(answer.body);
}
const names = (page: { data: { id: string }[] }) =>
  page.data.map((row) => Object.keys(ids).find((name) => ids[name] === row.id));

describe("GET /invoices", () => {
  it("lists newest first with computed state and flags", async () => {
    const page = await list();
    expect(names(page)).toEqual(["void", "viewed", "paid", "overdue", "due", "draft"]);
    const byName = Object.fromEntries(page.data.map((row, i) => [names(page)[i], row]));
    expect(byName.draft).toMatchObject({ state: "draft", total: 10_000, balance_due: 10_000 });
    expect(byName.overdue).toMatchObject({ state: "overdue", overdue: true, paid: false });
    expect(byName.paid).toMatchObject({
      state: "paid",
      paid: true,
      overdue: false,
      balance_due: 0,
    });
    expect(byName.viewed).toMatchObject({
      viewed: true,
      first_viewed_at: "2026-11-24T10:00:00.000Z",
    });
    expect(byName.void).toMatchObject({ state: "void", balance_due: 0, refund_due: 0 });
    expect(byName.paid).toMatchObject({ refund_due: 0 });
    expect(page.next_cursor).toBeNull();
  });

  it("filters", async () => {
    expect(names(await list("?status=sent"))).toEqual(["viewed", "paid", "overdue", "due"]);
    expect(names(await list("?overdue=true"))).toEqual(["overdue"]);
    expect(names(await list("?paid=true"))).toEqual(["paid"]);
    expect(names(await list("?viewed=true"))).toEqual(["viewed"]);
    expect(names(await list("?state=due"))).toEqual(["viewed", "due"]);
    expect(names(await list("?q=ada"))).toEqual(["draft"]);
    expect(names(await list("?q=late%40example"))).toEqual(["overdue"]);
    // LIKE wildcards in the search are literal characters.
    expect(names(await list("?q=paid_%25"))).toEqual(["paid"]);
  });

  it("pages with an opaque cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...(names(page) as string[]));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["void", "viewed", "paid", "overdue", "due", "draft"]);
    const filtered = await list("?status=sent&limit=2");
    expect(names(filtered)).toEqual(["viewed", "paid"]);
    const rest = await list(`?status=sent&limit=2&cursor=${filtered.next_cursor}`);
    expect(names(rest)).toEqual(["overdue", "due"]);
  });

  it("refuses bad parameters", async () => {
    for (const query of [
      "?limit=0",
      "?limit=101",
      "?limit=abc",
      "?cursor=nonsense",
      "?status=paid",
    ]) {
      const answer = await api("GET", `/invoices${query}`);
      expect([answer.status, answer.body.error.code], query).toEqual([422, "validation_failed"]);
    }
    const unknown = await api("GET", "/invoices?sort=asc");
    expect(unknown.body.error.code).toBe("unknown_field");
  });
});

describe("GET /invoices, money to give back", () => {
  it("shows on each row the refund due next to the flags", async () => {
    const owner = await makeOwner(t.db);
    const other = apiAs(t, owner.key);
    const { invoice: voided } = await makeInvoice(t.db, {
      businessId: owner.business.id,
      status: "void",
    });
    await makePayment(t.db, { invoiceId: voided.id, provider: "stripe", method: "card" });
    const { invoice: over } = await makeInvoice(t.db, {
      businessId: owner.business.id,
      status: "sent",
    });
    await makePayment(t.db, { invoiceId: over.id, amount: 10_500 });
    const answer = await other("GET", "/invoices");
    const page = invoicePageResponse.parse(answer.body);
    const row = (id: string) => page.data.find((r) => r.id === id);
    expect(row(voided.id)).toMatchObject({ state: "void", balance_due: 0, refund_due: 10_000 });
    expect(row(over.id)).toMatchObject({ state: "paid", balance_due: 0, refund_due: 500 });
  });
});
