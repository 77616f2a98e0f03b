import type { Context } from "hono";
import { Hono } from "hono";
import { invoiceTimeline } from "../../invoices/invoice-timeline";
import { previewLink } from "../../invoices/preview-link";
import { recordPayment } from "../../invoices/record-payment";
import { revokeLink } from "../../invoices/send-invoice";
import { shareInvoice } from "../../invoices/share-invoice";
import { voidInvoice } from "../../invoices/void-invoice";
import type { ApiEnv } from "./auth";
import { invoiceAnswer } from "./invoice-answer";
import { presentLink } from "./present-invoice";
import { paymentBody, sendBody } from "./schemas/action-input";
import { readJson } from "./validation";

export const invoiceActionRoutes = new Hono<ApiEnv>();

async function share(c: Context<ApiEnv>, newLink: boolean) {
  const { config } = c.var;
  const shared = await shareInvoice(c.var.db, {
    businessId: c.var.caller.businessId,
    invoiceId: c.req.param("id") ?? "",
    newLink,
    signingSecret: config.SIGNING_SECRET,
    baseUrl: config.PUBLIC_BASE_URL,
    now: c.var.now(),
  });
  return c.json(
    {
      portal_url: shared.portalUrl,
      preview_url: shared.previewUrl,
      preview_expires_at: shared.previewExpiresAt.toISOString(),
      text_message: shared.textMessage,
      link: presentLink(shared.link, shared.portalUrl),
      created: shared.created,
    },
    shared.created ? 201 : 200,
  );
}

invoiceActionRoutes.post("/:id/send", async (c) => {
  const body = await readJson(c, sendBody, { emptyIsObject: true });
  return share(c, body.new_link ?? false);
});

// New Link: a fresh link now; the previous one stops working in the same write.
invoiceActionRoutes.post("/:id/link", async (c) => {
  await readJson(c, sendBody.omit({ new_link: true }), { emptyIsObject: true });
  return share(c, true);
});

// Revoke Access: the invoice keeps no working link until a new one is issued.
invoiceActionRoutes.delete("/:id/link", async (c) => {
  const { revoked } = await revokeLink(c.var.db, {
    businessId: c.var.caller.businessId,
    invoiceId: c.req.param("id"),
    now: c.var.now(),
  });
  return c.json({ revoked });
});

invoiceActionRoutes.post("/:id/void", async (c) => {
  const invoiceId = c.req.param("id");
  await voidInvoice(c.var, {
    businessId: c.var.caller.businessId,
    invoiceId,
    now: c.var.now(),
  });
  return c.json(await invoiceAnswer(c, invoiceId));
});

invoiceActionRoutes.post("/:id/payments", async (c) => {
  const body = await readJson(c, paymentBody);
  const invoiceId = c.req.param("id");
  const { paymentId } = await recordPayment(c.var, {
    businessId: c.var.caller.businessId,
    invoiceId,
    amount: body.amount,
    method: body.method,
    reference: body.reference ?? "",
    date: body.date,
    now: c.var.now(),
  });
  const invoice = await invoiceAnswer(c, invoiceId);
  const payment = invoice.payments.find((p) => p.id === paymentId);
  return c.json({ payment, invoice }, 201);
});

invoiceActionRoutes.get("/:id/preview", async (c) => {
  const { config } = c.var;
  const preview = await previewLink(c.var.db, {
    businessId: c.var.caller.businessId,
    invoiceId: c.req.param("id"),
    signingSecret: config.SIGNING_SECRET,
    baseUrl: config.PUBLIC_BASE_URL,
    now: c.var.now(),
  });
  return c.json({ preview_url: preview.url, expires_at: preview.expiresAt.toISOString() });
});

invoiceActionRoutes.get("/:id/timeline", async (c) => {
  const events = await invoiceTimeline(c.var.db, {
    businessId: c.var.caller.businessId,
    invoiceId: c.req.param("id"),
  });
  return c.json({
    data: events.map((e) => ({ id: e.id, kind: e.kind, at: e.at.toISOString(), detail: e.detail })),
  });
});
