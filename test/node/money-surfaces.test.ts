import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { invoices } from "../../db/schema";
import { type DisputeStatus, disputeTimelineKind } from "../../functions/domain/dispute-order";
import { newId } from "../../functions/domain/tokens";
import { fill, messagesFor } from "../../functions/i18n/messages";
import { ownerLanguage } from "../../functions/i18n/owner-messages";
import { recordDispute } from "../../functions/payments/record-dispute";
import type { DetailView, OwnerPage } from "../../functions/views/owner-page-model";
import type { InvoiceState } from "../../functions/views/page-model";
import { type FakeStripe, startFakeStripe } from "../../tools/fake-stripe/server";
import { apiAs } from "../support/api";
import { makeApiKey, makePayment } from "../support/factories";
import { signedIn } from "../support/owner-session";
import { makePayableInvoice, pageOf } from "../support/payment-fixtures";
import { readPdf } from "../support/pdf-text";
import { serveApp } from "../support/serve-app";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../support/test-app";

// One invoice per row, read through every surface that shows its money: the customer's page
// model and PDF, the owner API (one invoice and the list filters), the CLI's `status`, Pay Now
// and an offline payment. Each must say the same balance, refund due and state as the row.

const NOW = new Date("2026-11-25T18:00:00Z");
// 11:30 UTC on the 25th is already 00:30 on the 26th in Auckland (UTC+13 in November).
const AUCKLAND_JUST_PAST_MIDNIGHT = new Date("2026-11-25T11:30:00Z");

type Pay = {
  status?: "succeeded" | "processing" | "failed";
  amount: number;
  refunded?: number;
  /** The dispute's states as Stripe reports them, in order, recorded by the webhook's verb. */
  dispute?: DisputeStatus[];
};

interface Case {
  name: string;
  /** Item prices (minor units); $100.00 in one item unless told. */
  items?: number[];
  discountPercent?: number;
  payments?: Pay[];
  voided?: boolean;
  timezone?: string;
  dueDate?: string;
  now?: Date;
  expect: {
    balance: number;
    refundDue: number;
    state: InvoiceState;
    paid: boolean;
    overdue: boolean;
    /** Pay Now offered, for the balance. */
    payNow: boolean;
    /** The largest offline payment accepted (the balance), or null when none is. */
    offline: number | null;
    /** Taken back by the customer's bank (0 unless told). */
    disputed?: number;
  };
}

const CASES: Case[] = [
  {
    name: "unpaid",
    expect: {
      balance: 10_000,
      refundDue: 0,
      state: "due",
      paid: false,
      overdue: false,
      payNow: true,
      offline: 10_000,
    },
  },
  {
    name: "partly paid",
    payments: [{ amount: 4_000 }],
    expect: {
      balance: 6_000,
      refundDue: 0,
      state: "partially_paid",
      paid: false,
      overdue: false,
      payNow: true,
      offline: 6_000,
    },
  },
  {
    name: "paid",
    payments: [{ amount: 10_000 }],
    expect: {
      balance: 0,
      refundDue: 0,
      state: "paid",
      paid: true,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "$0.40 left: below Stripe's minimum charge, paid another way",
    payments: [{ amount: 9_960 }],
    expect: {
      balance: 40,
      refundDue: 0,
      state: "partially_paid",
      paid: false,
      overdue: false,
      payNow: false,
      offline: 40,
    },
  },
  {
    name: "processing",
    payments: [{ status: "processing", amount: 10_000 }],
    expect: {
      balance: 10_000,
      refundDue: 0,
      state: "processing",
      paid: false,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "failed",
    payments: [{ status: "failed", amount: 10_000 }],
    expect: {
      balance: 10_000,
      refundDue: 0,
      state: "due",
      paid: false,
      overdue: false,
      payNow: true,
      offline: 10_000,
    },
  },
  {
    name: "paid in full, then $30.00 refunded",
    payments: [{ amount: 10_000, refunded: 3_000 }],
    expect: {
      balance: 0,
      refundDue: 0,
      state: "partially_refunded",
      paid: true,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "$50.00 of $100.00 paid, then $10.00 refunded",
    payments: [{ amount: 5_000, refunded: 1_000 }],
    expect: {
      balance: 5_000,
      refundDue: 0,
      state: "partially_paid",
      paid: false,
      overdue: false,
      payNow: true,
      offline: 5_000,
    },
  },
  {
    name: "$50.00 of $100.00 paid and refunded, past due",
    dueDate: "2026-11-20",
    payments: [{ amount: 5_000, refunded: 1_000 }],
    expect: {
      balance: 5_000,
      refundDue: 0,
      state: "overdue",
      paid: false,
      overdue: true,
      payNow: true,
      offline: 5_000,
    },
  },
  {
    name: "refunded",
    payments: [{ amount: 10_000, refunded: 10_000 }],
    expect: {
      balance: 0,
      refundDue: 0,
      state: "refunded",
      paid: true,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "paid, then a dispute under review: not kept, not asked for twice",
    payments: [{ amount: 10_000, dispute: ["needs_response", "under_review"] }],
    expect: {
      balance: 0,
      refundDue: 0,
      state: "paid",
      paid: true,
      overdue: false,
      payNow: false,
      offline: null,
      disputed: 10_000,
    },
  },
  {
    name: "paid, then a dispute lost: due again",
    payments: [{ amount: 10_000, dispute: ["needs_response", "under_review", "lost"] }],
    expect: {
      balance: 10_000,
      refundDue: 0,
      state: "due",
      paid: false,
      overdue: false,
      payNow: true,
      offline: 10_000,
      disputed: 10_000,
    },
  },
  {
    name: "paid, then a dispute lost, past due",
    dueDate: "2026-11-20",
    payments: [{ amount: 10_000, dispute: ["lost"] }],
    expect: {
      balance: 10_000,
      refundDue: 0,
      state: "overdue",
      paid: false,
      overdue: true,
      payNow: true,
      offline: 10_000,
      disputed: 10_000,
    },
  },
  {
    name: "paid, then a dispute won: paid again",
    payments: [{ amount: 10_000, dispute: ["needs_response", "won"] }],
    expect: {
      balance: 0,
      refundDue: 0,
      state: "paid",
      paid: true,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "paid after void",
    voided: true,
    payments: [{ amount: 10_000 }],
    expect: {
      balance: 0,
      refundDue: 10_000,
      state: "void",
      paid: false,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "overpaid",
    payments: [{ amount: 10_000 }, { amount: 1_200 }],
    expect: {
      balance: 0,
      refundDue: 1_200,
      state: "paid",
      paid: true,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "overpaid, the extra refunded",
    payments: [{ amount: 10_000 }, { amount: 1_200, refunded: 1_200 }],
    expect: {
      balance: 0,
      refundDue: 0,
      state: "partially_refunded",
      paid: true,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "a total of 0",
    items: [0],
    dueDate: "2026-11-01",
    expect: {
      balance: 0,
      refundDue: 0,
      state: "nothing_due",
      paid: false,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "a 100% discount",
    discountPercent: 100,
    dueDate: "2026-11-01",
    expect: {
      balance: 0,
      refundDue: 0,
      state: "nothing_due",
      paid: false,
      overdue: false,
      payNow: false,
      offline: null,
    },
  },
  {
    name: "due yesterday in Auckland, today in UTC (Auckland business)",
    timezone: "Pacific/Auckland",
    dueDate: "2026-11-25",
    now: AUCKLAND_JUST_PAST_MIDNIGHT,
    expect: {
      balance: 10_000,
      refundDue: 0,
      state: "overdue",
      paid: false,
      overdue: true,
      payNow: true,
      offline: 10_000,
    },
  },
  {
    name: "due yesterday in Auckland, today in UTC (UTC business)",
    timezone: "UTC",
    dueDate: "2026-11-25",
    now: AUCKLAND_JUST_PAST_MIDNIGHT,
    expect: {
      balance: 10_000,
      refundDue: 0,
      state: "due",
      paid: false,
      overdue: false,
      payNow: true,
      offline: 10_000,
    },
  },
];

let t: TestApp;
let served: { url: string; close(): Promise<void> };
let stripe: FakeStripe;

beforeAll(async () => {
  // Stripe's clock is the app's, so sessions made at the test's "now" are valid.
  stripe = await startFakeStripe({ now: () => t.clock.now.getTime() });
  t = await startTestApp({
    env: {
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_API_URL: stripe.url,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_CONNECT_WEBHOOK_SECRET: stripe.connectWebhookSecret,
    },
  });
  served = await serveApp(t);
});
afterAll(async () => {
  await served.close();
  await t.close();
  await stripe.close();
});

const en = messagesFor("en-US");
const dollars = (minor: number) =>
  `$${(minor / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

async function setUp(row: Case) {
  t.clock.now = row.now ?? NOW;
  const made = await makePayableInvoice(t.db, {
    signingSecret: TEST_SIGNING_SECRET,
    business: { timezone: row.timezone ?? "UTC" },
    items: (row.items ?? [10_000]).map((unitPrice) => ({ unitPrice })),
    invoice: {
      dueDate: row.dueDate ?? "2026-12-20",
      ...(row.discountPercent
        ? { discountKind: "percent" as const, discountValue: row.discountPercent * 1000 }
        : {}),
    },
  });
  for (const pay of row.payments ?? []) {
    const status = pay.status ?? "succeeded";
    const payment = await makePayment(t.db, {
      invoiceId: made.invoice.id,
      provider: "stripe",
      method: "card",
      status,
      amount: pay.amount,
      amountRefunded: pay.refunded ?? 0,
      paymentIntentId: newId("pi"),
      completedAt: status === "succeeded" ? new Date("2026-11-24T12:00:00Z") : null,
    });
    for (const disputeStatus of pay.dispute ?? []) {
      const recorded = await recordDispute(t.db, {
        disputeId: `dp_${payment.id}`,
        paymentIntentId: payment.paymentIntentId ?? "",
        stripeAccountId: null,
        status: disputeStatus,
        amount: pay.amount,
        currency: "USD",
        reason: "product_not_received",
        event: { id: newId("evt"), type: "charge.dispute.updated" },
        now: new Date("2026-11-24T15:00:00Z"),
      });
      expect(recorded.changed, disputeStatus).toBe(true);
    }
  }
  if (row.voided) {
    await t.db
      .update(invoices)
      .set({ status: "void", voidedAt: new Date("2026-11-24T13:00:00Z") })
      .where(eq(invoices.id, made.invoice.id));
  }
  const { key } = await makeApiKey(t.db, { businessId: made.business.id });
  return { ...made, key, api: apiAs(t, key) };
}

async function cliStatus(key: string, number: string): Promise<Map<string, string>> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["status", number], {
    env: { PORTAL_API_URL: served.url, PORTAL_API_KEY: key },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    timeZone: "UTC",
  });
  expect(code, err.join("\n")).toBe(0);
  const fields = new Map<string, string>();
  for (const line of out.join("\n").split("\n")) {
    const match = /^([A-Z][\w ]*): +(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) fields.set(match[1], match[2]);
  }
  return fields;
}

const { t: ownerT } = ownerLanguage("en");
const OWNER_DISPUTE: Partial<Record<DisputeStatus, string>> = {
  under_review: ownerT.dispute_under_review,
  lost: fill(ownerT.dispute_lost, { amount: dollars(10_000) }),
  won: ownerT.dispute_won,
};

/** The owner app's detail page model, signed in as the business. */
async function ownerDetail(businessId: string, invoiceId: string): Promise<DetailView> {
  const { cookie } = await signedIn(t.db, businessId, t.clock.now);
  const response = await t.request(`/app/invoices/${invoiceId}`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  const { page } = (await response.json()) as { page: OwnerPage };
  if (page.view.name !== "detail") throw new Error(`not the detail page: ${page.view.name}`);
  return page.view;
}

const CLI_STATE: Record<InvoiceState, string> = {
  due: "Due",
  overdue: "Overdue",
  nothing_due: "Nothing to pay",
  processing: "Processing",
  partially_paid: "Partly paid",
  paid: "Paid",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
  void: "Void",
};

describe("every surface shows the same money", () => {
  it.each(CASES)("$name", async (row) => {
    const want = row.expect;
    const { invoice, token, key, api } = await setUp(row);

    // The customer's page.
    const page = await pageOf(await t.request(`/p/${token}`));
    if (page.kind !== "invoice") throw new Error(`not an invoice page: ${page.kind}`);
    const seen = {
      state: page.invoice.state,
      balance: page.invoice.balanceDue.amount,
      payNow: page.links.pay !== null,
    };
    expect(seen, "page").toEqual({
      state: want.state,
      balance: dollars(want.balance),
      payNow: want.payNow,
    });

    // The PDF, read back as a viewer shows it: the balance band and the totals row, the status.
    const pdf = await t.request(`/p/${token}/pdf`);
    expect(pdf.status).toBe(200);
    const { text } = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
    const balances = [...text.matchAll(/Balance due\s*(\$[\d,]+\.\d\d)/g)].map((m) => m[1]);
    expect(balances.length, text).toBeGreaterThan(0);
    expect(new Set(balances), "PDF balance").toEqual(new Set([dollars(want.balance)]));
    expect(text, "PDF status").toMatch(new RegExp(`Status\\s*${en[`state_${want.state}`]}\\b`));

    // The owner API, one invoice.
    const answer = await api("GET", `/invoices/${invoice.id}`);
    expect(answer.status).toBe(200);
    const { state, balance_due, refund_due, paid, overdue, amount_disputed } = answer.body;
    expect(
      { state, balance: balance_due, refundDue: refund_due, paid, overdue, amount_disputed },
      "API",
    ).toEqual({
      state: want.state,
      balance: want.balance,
      refundDue: want.refundDue,
      paid: want.paid,
      overdue: want.overdue,
      amount_disputed: want.disputed ?? 0,
    });
    const disputes = answer.body.payments.map((p: { dispute: unknown }) => p.dispute);
    const lastState = row.payments?.find((p) => p.dispute)?.dispute?.at(-1);
    expect(disputes.filter(Boolean), "API disputes").toEqual(
      lastState ? [expect.objectContaining({ status: lastState, amount: 10_000 })] : [],
    );

    // The owner API's list filters agree with the same answer.
    const listed = async (query: string) => {
      const list = await api("GET", `/invoices?q=${encodeURIComponent(invoice.number)}&${query}`);
      expect(list.status).toBe(200);
      return list.body.data.map((r: { id: string }) => r.id).includes(invoice.id);
    };
    expect(
      {
        paid: await listed("paid=true"),
        unpaid: await listed("paid=false"),
        overdue: await listed("overdue=true"),
        notOverdue: await listed("overdue=false"),
        state: await listed(`state=${want.state}`),
      },
      "list filters",
    ).toEqual({
      paid: want.paid,
      unpaid: !want.paid,
      overdue: want.overdue,
      notOverdue: !want.overdue,
      state: true,
    });

    // The CLI's status.
    const cli = await cliStatus(key, invoice.number);
    expect(
      {
        state: cli.get("State"),
        balance: cli.get("Balance"),
        disputed: cli.get("Disputed") ?? dollars(0),
        refundDue: cli.get("Refund due")?.split(" ")[0] ?? dollars(0),
      },
      "CLI",
    ).toEqual({
      state: CLI_STATE[want.state] + (row.voided ? " (void)" : ""),
      balance: dollars(want.balance),
      disputed: dollars(want.disputed ?? 0),
      refundDue: dollars(want.refundDue),
    });

    // The owner app's detail page: its badge and balance, and the dispute on the invoice (a
    // "taken back" line while the bank holds the money, and on the payment) and its timeline.
    const detail = await ownerDetail(invoice.businessId, invoice.id);
    const balanceRow = detail.totals.find((r) => r.label === "Balance due");
    const takenBack = detail.totals.find((r) => r.label === "Taken back by a dispute");
    const lastDispute = row.payments?.find((p) => p.dispute)?.dispute?.at(-1);
    expect(
      {
        state: detail.state.label,
        balance: balanceRow?.amount ?? null,
        takenBack: takenBack?.amount ?? null,
        payment: detail.payments.map((p) => p.status).find((s) => s.includes("ispute")) ?? null,
      },
      "owner app",
    ).toEqual({
      state: en[`state_${want.state}`],
      balance: want.state === "void" ? null : dollars(want.balance),
      takenBack: want.disputed ? `−${dollars(want.disputed)}` : null,
      payment: lastDispute ? `${ownerT.pay_succeeded} · ${OWNER_DISPUTE[lastDispute]}` : null,
    });
    const timeline = detail.timeline.map((e) => e.text);
    const chapters = (row.payments ?? []).flatMap((p) =>
      (p.dispute ?? []).map((status) => ownerT[`ev_${disputeTimelineKind(status)}`]),
    );
    expect(timeline, "owner timeline").toEqual(expect.arrayContaining(chapters));

    // Pay Now: Checkout for exactly the balance, or back to the page when none is offered.
    const pay = await t.request(`/p/${token}/pay`, { method: "POST" });
    expect(pay.status).toBe(303);
    const sessions = [...stripe.sessions.values()].filter(
      (s) => s.session.client_reference_id === invoice.id,
    );
    if (want.payNow) {
      expect(
        sessions.map((s) => s.session.amount_total),
        "Checkout amount",
      ).toEqual([want.balance]);
      expect(pay.headers.get("Location")).toBe(sessions[0]?.session.url);
    } else {
      expect(sessions, "no Checkout Session").toEqual([]);
      expect(pay.headers.get("Location")).toBe(`/p/${token}`);
    }

    // An offline payment: never more than the balance, and exactly the balance when one is due.
    const offline = (amount: number) =>
      api("POST", `/invoices/${invoice.id}/payments`, { amount, method: "cash" });
    const tooMuch = await offline(want.balance + 1);
    expect(tooMuch.status, "offline payment above the balance").not.toBe(201);
    if (want.offline === null) {
      expect((await offline(1)).status, "offline payment when none is due").not.toBe(201);
    } else {
      expect(tooMuch.body.error?.code).toBe("amount_exceeds_balance");
      const exact = await offline(want.offline);
      expect(exact.status, JSON.stringify(exact.body)).toBe(201);
    }
  });
});

describe("Checkout in a three-decimal currency", () => {
  it("asks Stripe for the balance rounded up to a multiple of 10 fils", async () => {
    t.clock.now = NOW;
    const { invoice, token } = await makePayableInvoice(t.db, {
      signingSecret: TEST_SIGNING_SECRET,
      items: [{ unitPrice: 12_345 }],
      invoice: { currency: "KWD" },
    });
    const pay = await t.request(`/p/${token}/pay`, { method: "POST" });
    expect(pay.status).toBe(303);
    const sessions = [...stripe.sessions.values()].filter(
      (s) => s.session.client_reference_id === invoice.id,
    );
    expect(sessions.map((s) => [s.session.currency, s.session.amount_total])).toEqual([
      ["kwd", 12_350],
    ]);
  });
});
