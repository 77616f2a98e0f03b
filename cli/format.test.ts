import { describe, expect, it } from "vitest";
import { ApiError, ConnectionError } from "./api-client";
import { UsageError } from "./args";
import { formatError, type Invoice } from "./format";
import { formatList, formatSend, formatStatus, formatTimeline } from "./format-invoice";

const invoice: Invoice = {
  id: "inv_1",
  number: "GL-2001",
  status: "sent",
  state: "due",
  customer: { name: "Sam Rivera", email: "", phone: "" },
  currency: "USD",
  issue_date: "2026-11-20",
  due_date: "2026-12-20",
  total: 123_456,
  amount_paid: 0,
  amount_refunded: 0,
  amount_disputed: 0,
  balance_due: 123_456,
  refund_due: 0,
  viewed: false,
  first_viewed_at: null,
  paid: false,
  overdue: false,
  sent_at: "2026-11-25T18:00:00.000Z",
  created_at: "2026-11-25T17:00:00.000Z",
  updated_at: null,
  locale: "en-US",
  version: 1,
  amount_mode: "fixed",
  items: [],
  fixed_amount: 123_456,
  percent: null,
  tax: null,
  discount: null,
  notes: "",
  terms: "",
  totals: { subtotal: 123_456, discount: 0, tax: 0, total: 123_456 },
  payment_state: "unpaid",
  view_count: 0,
  last_viewed_at: null,
  voided_at: null,
  link: {
    id: "lnk_1",
    portal_url: "https://pay.example/p/abc",
    created_at: "2026-11-25T18:00:00.000Z",
  },
  payments: [],
};

describe("formatStatus", () => {
  it("shows state, money, views and the link", () => {
    const text = formatStatus(invoice, { timeZone: "UTC" });
    expect(text).toContain("Invoice GL-2001 for Sam Rivera (inv_1)");
    expect(text).toMatch(/State: +Due\n/);
    expect(text).toMatch(/Total: +\$1,234\.56/);
    expect(text).toMatch(/Balance: +\$1,234\.56/);
    expect(text).toMatch(/Due: +Dec 20, 2026/);
    expect(text).toContain("Not viewed yet");
    expect(text).toMatch(/Link: +https:\/\/pay\.example\/p\/abc/);
  });

  it("says an invoice with nothing to pay has nothing to pay", () => {
    const free: Invoice = { ...invoice, state: "nothing_due", total: 0, balance_due: 0 };
    expect(formatStatus(free)).toMatch(/State: +Nothing to pay\n/);
    expect(formatList({ data: [free], next_cursor: null })).toMatch(
      /GL-2001 +Sam Rivera +Nothing to pay +\$0\.00/,
    );
  });

  it("says when the customer first viewed it, in the owner's time zone", () => {
    const viewed = {
      ...invoice,
      viewed: true,
      first_viewed_at: "2026-11-26T03:00:00.000Z",
      view_count: 3,
    };
    expect(formatStatus(viewed, { timeZone: "UTC" })).toContain("Customer viewed on Nov 26, 2026");
    expect(formatStatus(viewed, { timeZone: "America/Los_Angeles" })).toContain(
      "Customer viewed on Nov 25, 2026",
    );
    expect(formatStatus(viewed, { timeZone: "UTC" })).toMatch(/Views: +3/);
    expect(formatStatus({ ...invoice, link: null })).toContain("No active link");
  });
});

describe("formatStatus, money to give back", () => {
  const paidCard = {
    id: "pay_1",
    provider: "stripe" as const,
    method: "card" as const,
    status: "succeeded" as const,
    amount: 1_200,
    amount_refunded: 0,
    currency: "USD",
    reference: "",
    dispute: null,
    created_at: "2026-11-25T18:00:00.000Z",
    completed_at: "2026-11-25T18:05:00.000Z",
  };

  it("says a refund is due for money paid after the invoice was voided", () => {
    const voided: Invoice = {
      ...invoice,
      status: "void",
      state: "void",
      total: 1_200,
      amount_paid: 1_200,
      balance_due: 0,
      refund_due: 1_200,
      payments: [paidCard],
    };
    const text = formatStatus(voided, { timeZone: "UTC" });
    expect(text).toMatch(/State: +Void \(void\)\n/);
    expect(text).toMatch(/Refund due: +\$12\.00 \(paid after void\)\n/);
  });

  it("says a refund is due for money paid beyond the total, and nothing otherwise", () => {
    const over: Invoice = {
      ...invoice,
      state: "paid",
      amount_paid: 124_656,
      balance_due: 0,
      refund_due: 1_200,
      payments: [paidCard],
    };
    expect(formatStatus(over)).toMatch(/Refund due: +\$12\.00 \(overpaid\)\n/);
    expect(formatStatus(invoice)).not.toContain("Refund due");
  });

  it("shows money refunded beside money paid, and leaves the balance as the API says", () => {
    const refunded: Invoice = {
      ...invoice,
      state: "partially_refunded",
      amount_paid: 123_456,
      amount_refunded: 3_000,
      balance_due: 0,
      payments: [paidCard],
    };
    const text = formatStatus(refunded);
    expect(text).toMatch(/Paid: +\$1,234\.56\nRefunded: +\$30\.00\nBalance: +\$0\.00\n/);
    expect(text).not.toContain("Refund due");
    expect(formatStatus(invoice)).not.toContain("Refunded:");
  });
});

describe("other answers", () => {
  it("formats a list as a table with a cursor hint", () => {
    const text = formatList({ data: [{ ...invoice, viewed: true }], next_cursor: "abc" });
    expect(text.split("\n")[0]).toMatch(/^NUMBER +CUSTOMER +STATE +TOTAL +BALANCE +DUE +VIEWED$/);
    expect(text).toMatch(/GL-2001 +Sam Rivera +Due +\$1,234\.56 +\$1,234\.56 +2026-12-20 +Viewed/);
    expect(text).toContain("--cursor abc");
    expect(formatList({ data: [], next_cursor: null })).toBe("No invoices.");
  });

  it("adds a refund column to a list only when some row has a refund due", () => {
    const text = formatList({
      data: [
        { ...invoice, status: "void", state: "void", balance_due: 0, refund_due: 1_200 },
        { ...invoice, number: "GL-2002" },
      ],
      next_cursor: null,
    });
    expect(text.split("\n")[0]).toMatch(
      /^NUMBER +CUSTOMER +STATE +TOTAL +BALANCE +REFUND DUE +DUE +VIEWED$/,
    );
    expect(text).toMatch(/GL-2001 +Sam Rivera +Void +\$1,234\.56 +\$0\.00 +\$12\.00 +2026-12-20/);
    expect(text).toMatch(/GL-2002 +Sam Rivera +Due +\$1,234\.56 +\$1,234\.56 +2026-12-20/);
  });

  it("puts the text message on its own line", () => {
    const text = formatSend({
      portal_url: "https://pay.example/p/abc",
      preview_url: "https://pay.example/p/abc?preview=1.x",
      preview_expires_at: "2026-11-25T19:00:00.000Z",
      text_message:
        "Hi Sam, here is your invoice GL-2001 from Greenleaf: https://pay.example/p/abc",
      link: invoice.link as NonNullable<Invoice["link"]>,
      created: true,
    });
    expect(text).toContain(
      "\n  Hi Sam, here is your invoice GL-2001 from Greenleaf: https://pay.example/p/abc\n",
    );
  });

  it("labels timeline events", () => {
    const text = formatTimeline(
      {
        data: [
          { id: "e", kind: "payment_succeeded", at: "2026-11-25T18:00:00.000Z", detail: "cash" },
        ],
      },
      { timeZone: "UTC" },
    );
    expect(text).toBe("Nov 25, 2026, 6:00 PM  Payment received (cash)");
  });
});

describe("formatError", () => {
  it("prints the API's message, code and details, exit code 1", () => {
    const error = new ApiError(422, {
      code: "validation_failed",
      message: "Some fields have values that are not accepted",
      details: [{ path: "items.0.quantity", message: "must not be negative" }],
    });
    expect(formatError(error)).toEqual({
      text: "Error: Some fields have values that are not accepted (validation_failed, HTTP 422)\n  items.0.quantity: must not be negative",
      exitCode: 1,
    });
    expect(formatError(new ApiError(401, { code: "unauthorized", message: "no" })).text).toContain(
      "PORTAL_API_KEY",
    );
  });

  it("uses exit code 2 for usage and explains connection failures", () => {
    expect(formatError(new UsageError("Usage: …")).exitCode).toBe(2);
    expect(formatError(new ConnectionError("Could not reach the API at http://x")).text).toContain(
      "npm start",
    );
  });
});
