import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../../../test/support/api";
import { makeInvoice, makeOwner, makePayment } from "../../../test/support/factories";
import { startTestApp, type TestApp } from "../../../test/support/test-app";
import {
  invoiceResponse,
  paymentCreatedResponse,
  previewResponse,
  sendResponse,
  timelineResponse,
} from "./schemas/responses";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";

async function setup(overrides = {}) {
  const owner = await makeOwner(t.db, { name: "Greenleaf Landscaping", ...overrides });
  const { invoice } = await makeInvoice(t.db, {
    businessId: owner.business.id,
    number: "GL-2001",
    customerName: "Sam Rivera",
  });
  return { ...owner, api: apiAs(t, owner.key), invoice };
}

const tokenOf = (url: string) => new URL(url).pathname.split("/").pop() ?? "";

describe("POST /invoices/:id/send", () => {
  it("sends once, returns the same link again, and a ready-to-text message", async () => {
    const { api, invoice } = await setup();
    const first = await api("POST", `/invoices/${invoice.id}/send`);
    expect(first.status).toBe(201);
    const sent = sendResponse.parse(first.body);
    expect(sent.portal_url).toMatch(/^https:\/\/portal\.test\/p\/[A-Za-z0-9_-]{22}$/);
    expect(sent.text_message).toBe(
      `Hi Sam, here is your invoice GL-2001 from Greenleaf Landscaping: ${sent.portal_url}`,
    );
    expect(sent.created).toBe(true);
    const again = await api("POST", `/invoices/${invoice.id}/send`, {});
    expect([again.status, again.body.portal_url, again.body.created]).toEqual([
      200,
      sent.portal_url,
      false,
    ]);
    const detail = invoiceResponse.parse((await api("GET", `/invoices/${invoice.id}`)).body);
    expect(detail).toMatchObject({
      status: "sent",
      state: "due",
      link: { portal_url: sent.portal_url },
    });
  });

  it("leaves bidi controls stored earlier out of the message", async () => {
    const { api, business } = await setup({ name: "Greenleaf\u202e Landscaping" });
    const { invoice } = await makeInvoice(t.db, {
      businessId: business.id,
      number: "GL-\u202e1002",
      customerName: "\u2067Sam\u2069 Rivera",
    });
    const sent = await api("POST", `/invoices/${invoice.id}/send`);
    expect(sent.body.text_message).toBe(
      `Hi Sam, here is your invoice GL-1002 from Greenleaf Landscaping: ${sent.body.portal_url}`,
    );
  });

  it("writes the message in the invoice's language", async () => {
    const { api, business } = await setup();
    const { invoice } = await makeInvoice(t.db, {
      businessId: business.id,
      locale: "es-MX",
      customerName: "María José Núñez",
      number: "ZM-1045",
    });
    const sent = await api("POST", `/invoices/${invoice.id}/send`);
    expect(sent.body.text_message).toMatch(
      /^Hola María, aquí está su factura ZM-1045 de Greenleaf/,
    );
  });

  it("rotates with new_link and with POST /link; the old link stops working", async () => {
    const { api, invoice } = await setup();
    const first = (await api("POST", `/invoices/${invoice.id}/send`)).body;
    const second = (await api("POST", `/invoices/${invoice.id}/send`, { new_link: true })).body;
    const third = (await api("POST", `/invoices/${invoice.id}/link`)).body;
    expect(new Set([first.portal_url, second.portal_url, third.portal_url]).size).toBe(3);
    expect((await t.request(`/p/${tokenOf(first.portal_url)}`)).status).toBe(410);
    expect((await t.request(`/p/${tokenOf(third.portal_url)}`)).status).toBe(200);
  });

  it("gives sends racing each other the one same link", async () => {
    const { api, invoice } = await setup();
    const sends = await Promise.all(
      Array.from({ length: 6 }, () => api("POST", `/invoices/${invoice.id}/send`)),
    );
    expect(sends.map((s) => s.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(sends.map((s) => s.body.link.id)).size).toBe(1);
  });

  it("refuses a void invoice, bad options and other businesses' invoices", async () => {
    const { api, business } = await setup();
    const { invoice: voided } = await makeInvoice(t.db, {
      businessId: business.id,
      status: "void",
    });
    const answer = await api("POST", `/invoices/${voided.id}/send`);
    expect([answer.status, answer.body.error.code]).toEqual([409, "invoice_void"]);
    const { invoice } = await makeInvoice(t.db, { businessId: business.id });
    expect((await api("POST", `/invoices/${invoice.id}/send`, { new_link: "yes" })).status).toBe(
      400,
    );
    const stranger = await setup();
    for (const [method, path] of [
      ["POST", "send"],
      ["POST", "link"],
      ["DELETE", "link"],
      ["POST", "void"],
      ["GET", "preview"],
      ["GET", "timeline"],
    ]) {
      const other = await stranger.api(method ?? "", `/invoices/${invoice.id}/${path}`);
      expect([other.status, other.body.error.code], `${method} ${path}`).toEqual([
        404,
        "not_found",
      ]);
    }
    const pay = await stranger.api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 1,
      method: "cash",
    });
    expect(pay.status).toBe(404);
  });
});

describe("views, preview and revoke", () => {
  it("counts the customer's view, never the owner's preview", async () => {
    const { api, invoice } = await setup();
    const sent = (await api("POST", `/invoices/${invoice.id}/send`)).body;
    const preview = previewResponse.parse(
      (await api("GET", `/invoices/${invoice.id}/preview`)).body,
    );
    const previewPage = await t.request(
      new URL(preview.preview_url).pathname + new URL(preview.preview_url).search,
    );
    const previewModel = (await previewPage.json()) as { page: { preview?: boolean } };
    expect(previewModel.page.preview).toBe(true);
    let detail = (await api("GET", `/invoices/${invoice.id}`)).body;
    expect([detail.viewed, detail.view_count]).toEqual([false, 0]);

    const seen = await t.request(`/p/${tokenOf(sent.portal_url)}/seen`, {
      method: "POST",
      headers: { "User-Agent": PHONE },
    });
    expect(seen.status).toBe(204);
    await t.settle();
    detail = (await api("GET", `/invoices/${invoice.id}`)).body;
    expect(detail).toMatchObject({
      viewed: true,
      view_count: 1,
      first_viewed_at: t.clock.now.toISOString(),
    });
  });

  it("has no preview before the invoice has a link", async () => {
    const { api, invoice } = await setup();
    const answer = await api("GET", `/invoices/${invoice.id}/preview`);
    expect([answer.status, answer.body.error.code]).toEqual([409, "no_active_link"]);
  });

  it("revokes access; the portal shows the revoked page", async () => {
    const { api, invoice } = await setup();
    const sent = (await api("POST", `/invoices/${invoice.id}/send`)).body;
    const revoked = await api("DELETE", `/invoices/${invoice.id}/link`);
    expect([revoked.status, revoked.body.revoked]).toEqual([200, true]);
    expect((await api("DELETE", `/invoices/${invoice.id}/link`)).body.revoked).toBe(false);
    expect((await t.request(`/p/${tokenOf(sent.portal_url)}`)).status).toBe(410);
    expect((await api("GET", `/invoices/${invoice.id}`)).body.link).toBeNull();
  });
});

describe("void and payments", () => {
  it("voids an unpaid invoice once; not one with money received", async () => {
    const { api, business, invoice } = await setup();
    const voided = await api("POST", `/invoices/${invoice.id}/void`);
    expect(voided.body).toMatchObject({ status: "void", state: "void", balance_due: 0 });
    expect((await api("POST", `/invoices/${invoice.id}/void`)).status).toBe(200);
    const { invoice: paid } = await makeInvoice(t.db, { businessId: business.id, status: "sent" });
    await makePayment(t.db, { invoiceId: paid.id, amount: 5_000 });
    const refused = await api("POST", `/invoices/${paid.id}/void`);
    expect([refused.status, refused.body.error.code]).toEqual([409, "invoice_not_editable"]);
  });

  it("records offline payments up to the balance, so the portal shows paid", async () => {
    const { api, invoice } = await setup({ timezone: "America/Los_Angeles" });
    const sent = (await api("POST", `/invoices/${invoice.id}/send`)).body;
    const part = await api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 4_000,
      method: "check",
      reference: "Check #2211",
      date: "2026-11-24",
    });
    expect(part.status).toBe(201);
    const recorded = paymentCreatedResponse.parse(part.body);
    expect(recorded.payment).toMatchObject({ provider: "offline", method: "check", amount: 4_000 });
    expect(recorded.payment.completed_at).toBe("2026-11-24T20:00:00.000Z");
    expect(recorded.invoice).toMatchObject({ state: "partially_paid", balance_due: 6_000 });

    const over = await api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 6_001,
      method: "cash",
    });
    expect([over.status, over.body.error.code]).toEqual([422, "amount_exceeds_balance"]);
    const future = await api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 1,
      method: "cash",
      date: "2027-01-01",
    });
    expect(future.status).toBe(422);
    for (const date of ["0000-01-01", "0001-01-01", "1999-12-31"]) {
      const early = await api("POST", `/invoices/${invoice.id}/payments`, {
        amount: 1,
        method: "cash",
        date,
      });
      expect([early.status, early.body.error.details], date).toEqual([
        422,
        [{ path: "date", message: "must be a date from 2000-01-01 to 2099-12-31" }],
      ]);
    }
    const oldest = await api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 1,
      method: "cash",
      date: "2000-01-01",
    });
    expect(oldest.body.payment.completed_at).toBe("2000-01-01T20:00:00.000Z");
    const wire = await api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 1,
      method: "wire",
    });
    expect(wire.status).toBe(422);
    const rest = await api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 5_999,
      method: "cash",
    });
    expect(rest.body.invoice).toMatchObject({ state: "paid", paid: true, balance_due: 0 });
    const page = (await (await t.request(`/p/${tokenOf(sent.portal_url)}`)).json()) as {
      page: { invoice: { state: string } };
    };
    expect(page.page.invoice.state).toBe("paid");
    const more = await api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 1,
      method: "cash",
    });
    expect([more.status, more.body.error.code]).toEqual([409, "invoice_not_payable"]);
  });

  it("refuses payments on a void invoice", async () => {
    const { api, business } = await setup();
    const { invoice } = await makeInvoice(t.db, { businessId: business.id, status: "void" });
    const answer = await api("POST", `/invoices/${invoice.id}/payments`, {
      amount: 1,
      method: "cash",
    });
    expect([answer.status, answer.body.error.code]).toEqual([409, "invoice_void"]);
  });
});

describe("money to give back", () => {
  const pageOf = async (portalUrl: string) =>
    (
      (await (await t.request(`/p/${tokenOf(portalUrl)}`)).json()) as {
        page: { invoice: { state: string; stateLabel: string; balanceDue: { amount: string } } };
      }
    ).page.invoice;

  it("owes back all of a payment that arrived after the invoice was voided", async () => {
    const { api, invoice } = await setup();
    const sent = (await api("POST", `/invoices/${invoice.id}/send`)).body;
    await api("POST", `/invoices/${invoice.id}/void`);
    // A Checkout Session paid just before it could be expired: the webhook records it.
    await makePayment(t.db, { invoiceId: invoice.id, provider: "stripe", method: "card" });
    const answer = invoiceResponse.parse((await api("GET", `/invoices/${invoice.id}`)).body);
    expect(answer).toMatchObject({
      status: "void",
      state: "void",
      amount_paid: 10_000,
      balance_due: 0,
      refund_due: 10_000,
    });
    expect(answer.payments).toMatchObject([{ provider: "stripe", status: "succeeded" }]);
    const page = await pageOf(sent.portal_url);
    expect([page.state, page.stateLabel]).toEqual(["void", "Void"]);
  });

  it("owes back what an overpaid invoice received beyond its total, never a negative balance", async () => {
    const { api, invoice } = await setup();
    const sent = (await api("POST", `/invoices/${invoice.id}/send`)).body;
    // Paid online for the whole amount, and by check as well.
    await makePayment(t.db, { invoiceId: invoice.id, provider: "stripe", method: "card" });
    await makePayment(t.db, { invoiceId: invoice.id, method: "check", amount: 1_200 });
    const answer = invoiceResponse.parse((await api("GET", `/invoices/${invoice.id}`)).body);
    expect(answer).toMatchObject({
      state: "paid",
      paid: true,
      amount_paid: 11_200,
      balance_due: 0,
      refund_due: 1_200,
    });
    const page = await pageOf(sent.portal_url);
    expect([page.state, page.balanceDue.amount]).toEqual(["paid", "$0.00"]);
  });

  it("owes nothing once the extra money was refunded, or when nothing extra was paid", async () => {
    const { api, business, invoice } = await setup();
    await makePayment(t.db, { invoiceId: invoice.id, amount: 12_000, amountRefunded: 2_000 });
    expect((await api("GET", `/invoices/${invoice.id}`)).body.refund_due).toBe(0);
    const { invoice: partly } = await makeInvoice(t.db, {
      businessId: business.id,
      status: "sent",
    });
    await makePayment(t.db, { invoiceId: partly.id, amount: 4_000 });
    expect((await api("GET", `/invoices/${partly.id}`)).body).toMatchObject({
      state: "partially_paid",
      refund_due: 0,
    });
  });
});

describe("GET /invoices/:id/timeline", () => {
  it("lists what happened in order", async () => {
    const { api } = await setup();
    const created = (
      await api("POST", "/invoices", {
        number: "T-1",
        customer: { name: "Sam" },
        fixed_amount: 1000,
      })
    ).body;
    await api("POST", `/invoices/${created.id}/send`);
    await api("POST", `/invoices/${created.id}/link`);
    await api("DELETE", `/invoices/${created.id}/link`);
    await api("POST", `/invoices/${created.id}/payments`, { amount: 1000, method: "cash" });
    const timeline = timelineResponse.parse(
      (await api("GET", `/invoices/${created.id}/timeline`)).body,
    );
    expect(timeline.data.map((e) => e.kind)).toEqual([
      "created",
      "sent",
      "link_issued",
      "link_revoked",
      "link_issued",
      "link_revoked",
      "payment_succeeded",
    ]);
  });
});
