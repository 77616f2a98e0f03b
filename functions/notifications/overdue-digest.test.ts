import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overdueDigestMarks } from "../../db/schema";
import { makeBusiness, makeInvoice, makePayment } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { newId } from "../domain/tokens";
import { CLAIM_TTL_MS, sendOverdueDigests } from "./overdue-digest";
import type { NotifyOwner, OwnerNotice } from "./owner-notice";

// The digest verb against a real libSQL database, its notices captured by the notifier it is
// given. Each test makes its own businesses; a run covers every business in the database, so
// the assertions look at the test's own.

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());

type Sent = { businessId: string; notice: OwnerNotice };

function recorder(fail: ReadonlySet<string> = new Set()): { notify: NotifyOwner; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    notify: async (businessId, notice) => {
      if (fail.has(businessId)) throw new Error("push service unavailable");
      sent.push({ businessId, notice });
    },
  };
}

async function run(now: string, fail?: ReadonlySet<string>) {
  const { notify, sent } = recorder(fail);
  const result = await sendOverdueDigests(t.db, {
    now: new Date(now),
    runId: newId("run"),
    notify,
  });
  return { sent, result };
}

const noticesOf = (sent: Sent[], businessId: string) =>
  sent.filter((s) => s.businessId === businessId).map((s) => s.notice);

/** 08:00 on 2 December 2026 in Los Angeles. */
const LA_MORNING = "2026-12-02T16:00:00Z";

describe("sendOverdueDigests", () => {
  it("sends each business one digest of the invoices the ledger calls overdue", async () => {
    const greenleaf = await makeBusiness(t.db, {
      name: "Greenleaf Landscaping",
      timezone: "America/Los_Angeles",
      defaultLocale: "en-US",
    });
    const sent = { businessId: greenleaf.id, status: "sent" as const, dueDate: "2026-12-01" };
    await makeInvoice(t.db, { ...sent, number: "GL-2001", items: [{ unitPrice: 53_349 }] });
    // Partly paid and late: still overdue, for what is left.
    const { invoice: partly } = await makeInvoice(t.db, { ...sent, number: "GL-2002" });
    await makePayment(t.db, { invoiceId: partly.id, amount: 2_000 });
    // Due today in Los Angeles: not late yet.
    await makeInvoice(t.db, { ...sent, number: "GL-2003", dueDate: "2026-12-02" });
    // Void, paid, a bank debit on its way, and a draft: none is overdue.
    await makeInvoice(t.db, { ...sent, number: "GL-2004", status: "void" });
    const { invoice: paid } = await makeInvoice(t.db, { ...sent, number: "GL-2005" });
    await makePayment(t.db, { invoiceId: paid.id, amount: 10_000 });
    const { invoice: debit } = await makeInvoice(t.db, { ...sent, number: "GL-2006" });
    await makePayment(t.db, {
      invoiceId: debit.id,
      provider: "stripe",
      method: "us_bank_account",
      status: "processing",
      amount: 10_000,
    });
    await makeInvoice(t.db, { ...sent, number: "GL-2007", status: "draft" });

    const zoe = await makeBusiness(t.db, {
      name: "Zoë Müller Fontanería",
      timezone: "America/Mexico_City",
      defaultLocale: "es-MX",
    });
    await makeInvoice(t.db, {
      businessId: zoe.id,
      status: "sent",
      number: "ZM-1043",
      dueDate: "2026-11-20",
      currency: "MXN",
      locale: "es-MX",
      items: [{ unitPrice: 123_400 }],
    });

    const { sent: notices, result } = await run(LA_MORNING);
    expect(noticesOf(notices, greenleaf.id)).toEqual([
      {
        title: "2 invoices became overdue",
        body: "GL-2001 $533.49, GL-2002 $80.00",
        url: "/app?filter=overdue",
        tag: "overdue-2026-12-02",
      },
    ]);
    expect(noticesOf(notices, zoe.id)).toEqual([
      {
        title: "1 factura se venció",
        body: "ZM-1043 $1,234.00",
        url: "/app?filter=overdue",
        tag: "overdue-2026-12-02",
      },
    ]);
    expect(result.failed).toEqual([]);
    const marks = await t.db
      .select()
      .from(overdueDigestMarks)
      .where(inArray(overdueDigestMarks.businessId, [greenleaf.id, zoe.id]));
    expect(marks).toHaveLength(3);
    expect(marks.every((mark) => mark.sentAt?.toISOString() === "2026-12-02T16:00:00.000Z")).toBe(
      true,
    );

    // Later the same day: nothing new, and not even an invoice that turned late since.
    await makeInvoice(t.db, { ...sent, number: "GL-2008", dueDate: "2026-11-15" });
    for (const later of ["2026-12-02T16:00:00Z", "2026-12-02T17:00:00Z", "2026-12-02T23:00:00Z"]) {
      expect(noticesOf((await run(later)).sent, greenleaf.id)).toEqual([]);
    }
    // The next morning: only that one, and the invoice that was due yesterday.
    const next = await run("2026-12-03T16:00:00Z");
    expect(noticesOf(next.sent, greenleaf.id).map((n) => [n.title, n.body])).toEqual([
      ["2 invoices became overdue", "GL-2008 $100.00, GL-2003 $100.00"],
    ]);
    expect(noticesOf(next.sent, zoe.id)).toEqual([]);
  });

  it("waits for 08:00 on the business's clock, and a due date ends at its midnight", async () => {
    // Auckland is UTC+13 in December, Honolulu UTC−10.
    const auckland = await makeBusiness(t.db, { timezone: "Pacific/Auckland" });
    const honolulu = await makeBusiness(t.db, { timezone: "Pacific/Honolulu" });
    for (const business of [auckland, honolulu]) {
      await makeInvoice(t.db, {
        businessId: business.id,
        status: "sent",
        number: "D-1",
        dueDate: "2026-12-02",
      });
    }
    const numbersAt = async (now: string, businessId: string) =>
      noticesOf((await run(now)).sent, businessId).map((n) => n.body);

    // 23:59 on 2 December in Auckland: due today, not late.
    expect(await numbersAt("2026-12-02T10:59:00Z", auckland.id)).toEqual([]);
    // Midnight there: late now, but the owner is asleep.
    expect(await numbersAt("2026-12-02T11:00:00Z", auckland.id)).toEqual([]);
    expect(await numbersAt("2026-12-02T18:00:00Z", auckland.id)).toEqual([]);
    // 08:00 on 3 December in Auckland.
    expect(await numbersAt("2026-12-02T19:00:00Z", auckland.id)).toEqual(["D-1 $100.00"]);

    // 23:00 on 2 December in Honolulu: its morning has passed, the invoice is due today.
    expect(await numbersAt("2026-12-03T09:00:00Z", honolulu.id)).toEqual([]);
    // 07:00 on 3 December: late, too early.
    expect(await numbersAt("2026-12-03T17:00:00Z", honolulu.id)).toEqual([]);
    expect(await numbersAt("2026-12-03T18:00:00Z", honolulu.id)).toEqual(["D-1 $100.00"]);
  });

  it("sends in the morning only: an invoice found late at noon waits for the next morning", async () => {
    const business = await makeBusiness(t.db, { timezone: "UTC" });
    await makeInvoice(t.db, {
      businessId: business.id,
      status: "sent",
      number: "N-1",
      dueDate: "2026-07-01",
    });
    expect(noticesOf((await run("2026-07-10T12:00:00Z")).sent, business.id)).toEqual([]);
    expect(noticesOf((await run("2026-07-10T23:00:00Z")).sent, business.id)).toEqual([]);
    expect(
      noticesOf((await run("2026-07-11T08:00:00Z")).sent, business.id).map((n) => n.body),
    ).toEqual(["N-1 $100.00"]);
  });

  it("goes on with the other businesses when one fails, and that one is tried again", async () => {
    const failing = await makeBusiness(t.db);
    const fine = await makeBusiness(t.db);
    for (const business of [failing, fine]) {
      await makeInvoice(t.db, {
        businessId: business.id,
        status: "sent",
        number: "F-1",
        dueDate: "2026-11-01",
      });
    }
    const first = await run("2026-11-05T09:00:00Z", new Set([failing.id]));
    expect(first.result.failed.map((f) => f.businessId)).toEqual([failing.id]);
    expect(noticesOf(first.sent, fine.id)).toHaveLength(1);
    // Its claim was given back: nothing recorded, and the next run names the invoice.
    const marks = await t.db
      .select()
      .from(overdueDigestMarks)
      .where(eq(overdueDigestMarks.businessId, failing.id));
    expect(marks).toEqual([]);
    const second = await run("2026-11-05T10:00:00Z");
    expect(noticesOf(second.sent, failing.id).map((n) => n.body)).toEqual(["F-1 $100.00"]);
    expect(noticesOf(second.sent, fine.id)).toEqual([]);
  });

  it("names each invoice once when two runs overlap", async () => {
    const businesses = await Promise.all([makeBusiness(t.db), makeBusiness(t.db)]);
    for (const business of businesses) {
      for (const number of ["O-1", "O-2", "O-3"]) {
        await makeInvoice(t.db, {
          businessId: business.id,
          status: "sent",
          number,
          dueDate: "2026-10-01",
        });
      }
    }
    const runs = await Promise.all([
      run("2026-10-10T10:00:00Z"),
      run("2026-10-10T10:00:00Z"),
      run("2026-10-10T10:00:00Z"),
    ]);
    for (const business of businesses) {
      const notices = runs.flatMap((r) => noticesOf(r.sent, business.id));
      expect(notices.map((n) => n.body)).toEqual(["O-1 $100.00, O-2 $100.00, O-3 $100.00"]);
    }
  });

  it("takes over the claims of a run that died, and leaves a live run's alone", async () => {
    const business = await makeBusiness(t.db);
    const dead = await makeInvoice(t.db, {
      businessId: business.id,
      status: "sent",
      number: "C-1",
      dueDate: "2026-09-01",
    });
    const now = new Date("2026-09-10T10:00:00Z");
    await t.db.insert(overdueDigestMarks).values({
      invoiceId: dead.invoice.id,
      businessId: business.id,
      digestDate: "2026-09-09",
      runId: "run_dead",
      claimedAt: new Date(now.getTime() - CLAIM_TTL_MS - 1),
    });
    expect(noticesOf((await run(now.toISOString())).sent, business.id).map((n) => n.body)).toEqual([
      "C-1 $100.00",
    ]);

    const other = await makeBusiness(t.db);
    const live = await makeInvoice(t.db, {
      businessId: other.id,
      status: "sent",
      number: "C-2",
      dueDate: "2026-09-01",
    });
    await t.db.insert(overdueDigestMarks).values({
      invoiceId: live.invoice.id,
      businessId: other.id,
      digestDate: "2026-09-10",
      runId: "run_live",
      claimedAt: new Date(now.getTime() - 60_000),
    });
    expect(noticesOf((await run(now.toISOString())).sent, other.id)).toEqual([]);
  });

  it("counts what it does not name when many invoices turned late at once", async () => {
    const business = await makeBusiness(t.db, { defaultLocale: "es-ES" });
    for (let i = 1; i <= 7; i++) {
      await makeInvoice(t.db, {
        businessId: business.id,
        status: "sent",
        number: `M-${i}`,
        dueDate: "2026-08-01",
        currency: "EUR",
        locale: "es-ES",
      });
    }
    const [notice] = noticesOf((await run("2026-08-05T10:00:00Z")).sent, business.id);
    expect(notice?.title).toBe("7 facturas se vencieron");
    // Spanish puts a no-break space between the amount and the euro sign.
    const euros = "100,00\u00a0€";
    expect(notice?.body).toBe(
      `M-1 ${euros}, M-2 ${euros}, M-3 ${euros}, M-4 ${euros}, M-5 ${euros}, y 2 más`,
    );
  });
});
