import { Hono } from "hono";
import { createInvoice } from "../../invoices/create-invoice";
import { decodeCursor, encodeCursor } from "../../invoices/list-cursor";
import { listInvoices } from "../../invoices/list-invoices";
import { updateInvoice } from "../../invoices/update-invoice";
import type { ApiEnv } from "./auth";
import { invoiceAnswer } from "./invoice-answer";
import { presentInvoiceSummary } from "./present-invoice";
import { listQuery } from "./schemas/action-input";
import {
  createInvoiceBody,
  toInvoiceChanges,
  toNewInvoice,
  updateInvoiceBody,
} from "./schemas/invoice-input";
import { readJson, readQuery } from "./validation";

export const invoiceRoutes = new Hono<ApiEnv>();

invoiceRoutes.post("/", async (c) => {
  const body = await readJson(c, createInvoiceBody);
  const { invoiceId } = await createInvoice(c.var.db, {
    businessId: c.var.caller.businessId,
    invoice: toNewInvoice(body),
    now: c.var.now(),
  });
  return c.json(await invoiceAnswer(c, invoiceId), 201);
});

invoiceRoutes.get("/", async (c) => {
  const query = readQuery(c, listQuery);
  const { rows, next } = await listInvoices(c.var.db, {
    businessId: c.var.caller.businessId,
    filter: { ...query, search: query.q },
    limit: query.limit ?? 25,
    cursor: query.cursor ? decodeCursor(query.cursor) : null,
    now: c.var.now(),
  });
  return c.json({
    data: rows.map((row) => presentInvoiceSummary(row.invoice, row.status)),
    next_cursor: next ? encodeCursor(next) : null,
  });
});

invoiceRoutes.get("/:id", async (c) => c.json(await invoiceAnswer(c, c.req.param("id"))));

invoiceRoutes.patch("/:id", async (c) => {
  const body = await readJson(c, updateInvoiceBody);
  const invoiceId = c.req.param("id");
  await updateInvoice(c.var, {
    businessId: c.var.caller.businessId,
    invoiceId,
    changes: toInvoiceChanges(body),
    now: c.var.now(),
  });
  return c.json(await invoiceAnswer(c, invoiceId));
});
