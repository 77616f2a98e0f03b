import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../../../test/support/api";
import { makeInvoice, makeOwner, makePayment } from "../../../test/support/factories";
import { startTestApp, type TestApp } from "../../../test/support/test-app";
import { invoiceResponse } from "./schemas/responses";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function owner(overrides = {}) {
  const made = await makeOwner(t.db, overrides);
  return { ...made, api: apiAs(t, made.key) };
}

const draft = {
  number: "GL-2001",
  customer: { name: "Sam Rivera", email: "sam@example.com", phone: "+1 503 555 0101" },
  issue_date: "2026-11-20",
  due_date: "2026-12-20",
  items: [
    { description: "Lawn mowing (per visit)", quantity: "4", unit_price: 4500 },
    { description: "Hedge trimming", quantity: 2.5, unit_price: 6000 },
  ],
  tax: { rate: "8.875", label: "Sales tax" },
  discount: { percent: "10" },
  notes: "Thank you!\nSee you in spring.",
};

describe("POST /invoices", () => {
  it("refuses a body that is not UTF-8 instead of storing a changed name", async () => {
    const { api } = await owner();
    const json = JSON.stringify({ ...draft, customer: { name: "Jos\u00e9" } });
    const latin1 = Uint8Array.from(json, (ch) => ch.charCodeAt(0));
    const answer = await api("POST", "/invoices", undefined, {
      raw: latin1,
      headers: { "Content-Type": "application/json" },
    });
    expect([answer.status, answer.body.error?.code]).toEqual([400, "invalid_json"]);
    expect(answer.body.error.message).toMatch(/UTF-8/);
    expect((await api("GET", "/invoices")).body.data).toEqual([]);
  });

  it("creates a draft with server-computed totals and business defaults", async () => {
    const { api } = await owner({ defaultCurrency: "CAD", defaultLocale: "fr-CA" });
    const answer = await api("POST", "/invoices", draft);
    expect(answer.status).toBe(201);
    const invoice = invoiceResponse.parse(answer.body);
    expect(invoice).toMatchObject({
      number: "GL-2001",
      status: "draft",
      state: "draft",
      currency: "CAD",
      locale: "fr-CA",
      version: 1,
      items: [
        { quantity: "4", unit_price: 4500, amount: 18_000 },
        { quantity: "2.5", unit_price: 6000, amount: 15_000 },
      ],
      tax: { rate: "8.875", label: "Sales tax" },
      discount: { percent: "10" },
      // 33,000 − 3,300 = 29,700; tax 8.875% = 2,635.875 → 2,636.
      totals: { subtotal: 33_000, discount: 3_300, tax: 2_636, total: 32_336 },
      balance_due: 32_336,
      viewed: false,
      view_count: 0,
      link: null,
    });
  });

  it("accepts fixed and percent amounts", async () => {
    const { api } = await owner();
    const fixed = await api("POST", "/invoices", {
      number: "F-1",
      customer: { name: "Chris" },
      fixed_amount: 12_000,
    });
    expect(fixed.body).toMatchObject({ amount_mode: "fixed", fixed_amount: 12_000, total: 12_000 });
    const deposit = await api("POST", "/invoices", {
      number: "P-1",
      customer: { name: "Dimitris" },
      percent: { rate: 50, base: 400_000, label: "deposit" },
    });
    expect(deposit.body).toMatchObject({
      amount_mode: "percent",
      percent: { rate: "50", base: 400_000, label: "deposit" },
      total: 200_000,
      items: [],
    });
  });

  it("refuses a number already used in the business", async () => {
    const { api } = await owner();
    expect((await api("POST", "/invoices", draft)).status).toBe(201);
    const again = await api("POST", "/invoices", draft);
    expect([again.status, again.body.error.code]).toEqual([409, "duplicate_number"]);
  });

  it("names each problem with the invoice", async () => {
    const { api } = await owner();
    const cases: [unknown, number, string, string][] = [
      [{ ...draft, colour: "red" }, 400, "unknown_field", "colour"],
      [{ ...draft, items: "lots" }, 400, "invalid_type", "items"],
      [{ ...draft, customer: undefined }, 400, "invalid_type", "customer"],
      [
        { ...draft, items: [{ description: "x", quantity: "-1", unit_price: 1 }] },
        422,
        "validation_failed",
        "items.0.quantity",
      ],
      [
        { ...draft, items: [{ description: "x", quantity: "1.2345", unit_price: 1 }] },
        422,
        "validation_failed",
        "items.0.quantity",
      ],
      [
        { ...draft, items: [{ description: "x", quantity: 1, unit_price: 1.5 }] },
        400,
        "invalid_type",
        "items.0.unit_price",
      ],
      [
        { ...draft, items: Array(501).fill({ description: "x", quantity: 1, unit_price: 1 }) },
        422,
        "validation_failed",
        "items",
      ],
      [
        { ...draft, items: undefined, percent: { rate: "100.5", base: 1 } },
        422,
        "validation_failed",
        "percent.rate",
      ],
      [
        { ...draft, items: undefined, percent: { rate: 0, base: 1 } },
        422,
        "validation_failed",
        "percent.rate",
      ],
      [{ ...draft, due_date: "2026-11-01" }, 422, "validation_failed", "due_date"],
      [{ ...draft, issue_date: "2026-02-30" }, 422, "validation_failed", "issue_date"],
      [{ ...draft, issue_date: "0000-01-01" }, 422, "validation_failed", "issue_date"],
      [{ ...draft, issue_date: "0001-01-01" }, 422, "validation_failed", "issue_date"],
      [{ ...draft, issue_date: "1999-12-31" }, 422, "validation_failed", "issue_date"],
      [{ ...draft, due_date: "2100-01-01" }, 422, "validation_failed", "due_date"],
      [{ ...draft, due_date: "9999-12-31" }, 422, "validation_failed", "due_date"],
      [{ ...draft, currency: "ABC" }, 422, "validation_failed", "currency"],
      [{ ...draft, locale: "??" }, 422, "validation_failed", "locale"],
      [{ ...draft, fixed_amount: 5 }, 422, "validation_failed", "items"],
      [{ ...draft, discount: { amount: 1, percent: "5" } }, 422, "validation_failed", "discount"],
      [{ ...draft, discount: { amount: 40_000 } }, 422, "validation_failed", "discount.amount"],
      [{ ...draft, notes: "x".repeat(10_000) }, 422, "validation_failed", "notes"],
      [{ ...draft, number: "GL\u00002001" }, 422, "validation_failed", "number"],
      [{ ...draft, number: "GL-\u202e1002" }, 422, "validation_failed", "number"],
      [{ ...draft, number: "\u2066GL-2001\u2069" }, 422, "validation_failed", "number"],
      [{ ...draft, customer: { name: "\ud83d" } }, 422, "validation_failed", "customer.name"],
      [
        {
          ...draft,
          items: [{ description: "x", quantity: "1000000", unit_price: 999_999_999_999 }],
        },
        422,
        "validation_failed",
        "total",
      ],
    ];
    for (const [body, status, code, path] of cases) {
      const answer = await api("POST", "/invoices", body);
      expect([answer.status, answer.body.error?.code], JSON.stringify(answer.body)).toEqual([
        status,
        code,
      ]);
      const paths = answer.body.error.details.map((d: { path: string }) => d.path);
      expect(paths, JSON.stringify(answer.body)).toContain(path);
    }
  });

  it("accepts dates from 2000-01-01 through 2099-12-31 only, naming the field", async () => {
    const { api } = await owner();
    const edges = await api("POST", "/invoices", {
      ...draft,
      issue_date: "2000-01-01",
      due_date: "2099-12-31",
    });
    expect(edges.status).toBe(201);
    expect(edges.body).toMatchObject({ issue_date: "2000-01-01", due_date: "2099-12-31" });
    const early = await api("POST", "/invoices", {
      ...draft,
      number: "E-1",
      issue_date: "0001-01-01",
    });
    expect([early.status, early.body.error.code]).toEqual([422, "validation_failed"]);
    expect(early.body.error.details).toEqual([
      { path: "issue_date", message: "must be a date from 2000-01-01 to 2099-12-31" },
    ]);
    const late = await api("PATCH", `/invoices/${edges.body.id}`, { due_date: "9999-12-31" });
    expect([late.status, late.body.error.details]).toEqual([
      422,
      [{ path: "due_date", message: "must be a date from 2000-01-01 to 2099-12-31" }],
    ]);
  });

  it("refuses bidi controls in the number and drops them from the customer's name", async () => {
    const { api } = await owner();
    const reversed = await api("POST", "/invoices", { ...draft, number: "GL-\u202e1002" });
    expect([reversed.status, reversed.body.error.details]).toEqual([
      422,
      [
        {
          path: "number",
          message:
            "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)",
        },
      ],
    ]);
    const pasted = await api("POST", "/invoices", {
      ...draft,
      customer: { name: "\u2068 Sam Rivera\u202e \u2069" },
    });
    expect(pasted.status).toBe(201);
    expect(pasted.body.customer.name).toBe("Sam Rivera");
    const edited = await api("PATCH", `/invoices/${pasted.body.id}`, {
      number: "GL-2001\u2067",
      customer: { name: "\u202dZoë\u202c" },
    });
    expect([edited.status, edited.body.error.details[0].path]).toEqual([422, "number"]);
    const renamed = await api("PATCH", `/invoices/${pasted.body.id}`, {
      customer: { name: "\u202dZoë\u202c" },
    });
    expect(renamed.body.customer.name).toBe("Zoë");
    const marks = await api("PATCH", `/invoices/${pasted.body.id}`, {
      customer: { name: "\u05e9\u05e8\u05d4 Ltd.\u200f" },
    });
    expect(marks.body.customer.name).toBe("\u05e9\u05e8\u05d4 Ltd.\u200f");
  });

  it("keeps odd text intact", async () => {
    const { api } = await owner();
    const description = "Ελλάδα — Łódź 🌿 Москва <script>alert(1)</script> 'quotes' \"too\"";
    const answer = await api("POST", "/invoices", {
      ...draft,
      customer: { name: "Zoë Müller" },
      items: [{ description, quantity: 1, unit_price: 100 }],
    });
    expect(answer.status).toBe(201);
    expect(answer.body.items[0].description).toBe(description);
    expect(answer.body.customer.name).toBe("Zoë Müller");
  });

  it("refuses a body over 1 MB with 413", async () => {
    const { api } = await owner();
    const answer = await api("POST", "/invoices", undefined, {
      raw: JSON.stringify({ ...draft, notes: "x".repeat(1024 * 1024) }),
      headers: { "Content-Type": "application/json" },
    });
    expect([answer.status, answer.body.error.code]).toEqual([413, "payload_too_large"]);
  });
});

describe("an invoice with nothing to pay", () => {
  it("is nothing_due once sent, never overdue or paid, and the list filters on it", async () => {
    const { api } = await owner();
    const created = (
      await api("POST", "/invoices", {
        ...draft,
        number: "FREE-1",
        due_date: "2026-11-20",
        tax: undefined,
        discount: { percent: "100" },
      })
    ).body;
    expect(created).toMatchObject({ state: "draft", total: 0, balance_due: 0 });
    await api("POST", `/invoices/${created.id}/send`);
    const sent = invoiceResponse.parse((await api("GET", `/invoices/${created.id}`)).body);
    // Due 2026-11-20, today is 2026-11-25: still not overdue, as there is nothing to pay.
    expect(sent).toMatchObject({
      status: "sent",
      state: "nothing_due",
      payment_state: "unpaid",
      total: 0,
      balance_due: 0,
      paid: false,
      overdue: false,
      refund_due: 0,
    });
    const listed = await api("GET", "/invoices?state=nothing_due");
    expect(listed.body.data.map((row: { id: string }) => row.id)).toEqual([created.id]);
    expect((await api("GET", "/invoices?overdue=true")).body.data).toEqual([]);
  });
});

describe("GET /invoices/:id", () => {
  it("shows one invoice, and another business's invoice is 404", async () => {
    const a = await owner();
    const b = await owner();
    const { invoice } = await makeInvoice(t.db, { businessId: a.business.id });
    expect(invoiceResponse.parse((await a.api("GET", `/invoices/${invoice.id}`)).body).id).toBe(
      invoice.id,
    );
    const other = await b.api("GET", `/invoices/${invoice.id}`);
    expect([other.status, other.body.error.code]).toEqual([404, "not_found"]);
    expect((await a.api("GET", "/invoices/inv_nope")).status).toBe(404);
  });
});

describe("PATCH /invoices/:id", () => {
  it("edits a draft and an unpaid sent invoice, bumping the version", async () => {
    const { api } = await owner();
    const created = (await api("POST", "/invoices", draft)).body;
    const edited = await api("PATCH", `/invoices/${created.id}`, {
      customer: { email: "sam.rivera@example.com" },
      items: [{ description: "One visit", quantity: "1", unit_price: 4500 }],
      tax: null,
      discount: null,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      customer: { name: "Sam Rivera", email: "sam.rivera@example.com" },
      tax: null,
      discount: null,
      total: 4500,
    });
    await api("POST", `/invoices/${created.id}/send`);
    const sentEdit = await api("PATCH", `/invoices/${created.id}`, { fixed_amount: 5000 });
    expect(sentEdit.body).toMatchObject({ status: "sent", version: 3, total: 5000, items: [] });
  });

  it("refuses paid and void invoices, duplicate numbers and bad edits", async () => {
    const { api, business } = await owner();
    const { invoice: paid } = await makeInvoice(t.db, { businessId: business.id, status: "sent" });
    await makePayment(t.db, { invoiceId: paid.id, amount: 10_000 });
    const { invoice: voided } = await makeInvoice(t.db, {
      businessId: business.id,
      status: "void",
    });
    const { invoice: open } = await makeInvoice(t.db, {
      businessId: business.id,
      number: "OPEN-1",
    });
    for (const id of [paid.id, voided.id]) {
      const answer = await api("PATCH", `/invoices/${id}`, { notes: "x" });
      expect([answer.status, answer.body.error.code]).toEqual([409, "invoice_not_editable"]);
    }
    const duplicate = await api("PATCH", `/invoices/${open.id}`, { number: paid.number });
    expect([duplicate.status, duplicate.body.error.code]).toEqual([409, "duplicate_number"]);
    const backwards = await api("PATCH", `/invoices/${open.id}`, { due_date: "2026-01-01" });
    expect([backwards.status, backwards.body.error.details[0].path]).toEqual([422, "due_date"]);
    const twoModes = await api("PATCH", `/invoices/${open.id}`, {
      fixed_amount: 1,
      percent: { rate: 1, base: 1 },
    });
    expect(twoModes.status).toBe(422);
  });

  it("cannot edit another business's invoice", async () => {
    const a = await owner();
    const b = await owner();
    const { invoice } = await makeInvoice(t.db, { businessId: a.business.id });
    const answer = await b.api("PATCH", `/invoices/${invoice.id}`, { notes: "mine now" });
    expect(answer.status).toBe(404);
  });
});
