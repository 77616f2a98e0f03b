import type { ErrorCode } from "../../http/errors";
import { createKeyBody, paymentBody, sendBody } from "./schemas/action-input";
import { updateBusinessBody } from "./schemas/business-input";
import { createInvoiceBody, updateInvoiceBody } from "./schemas/invoice-input";
import * as out from "./schemas/responses";

// What the OpenAPI document lists: the named schemas, and each operation with its body, its
// success answer and the error codes it can give. openapi.test.ts checks this table against the
// routes the API really serves.

export const requestSchemas = {
  CreateInvoice: createInvoiceBody,
  UpdateInvoice: updateInvoiceBody,
  UpdateBusiness: updateBusinessBody,
  CreateApiKey: createKeyBody,
  SendInvoice: sendBody,
  RecordPayment: paymentBody,
};

export const responseSchemas = {
  Business: out.businessResponse,
  ApiKey: out.apiKeyResponse,
  CreatedApiKey: out.createdKeyResponse,
  ApiKeyList: out.keyListResponse,
  InvoiceSummary: out.invoiceSummaryResponse,
  Invoice: out.invoiceResponse,
  InvoicePage: out.invoicePageResponse,
  Link: out.linkResponse,
  Payment: out.paymentResponse,
  SendResult: out.sendResponse,
  LinkRevoked: out.revokeLinkResponse,
  PaymentRecorded: out.paymentCreatedResponse,
  Preview: out.previewResponse,
  Timeline: out.timelineResponse,
  Error: out.errorResponse,
};

export interface Operation {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  body?: keyof typeof requestSchemas | "image";
  ok: [status: number, schema: keyof typeof responseSchemas];
  errors: ErrorCode[];
}

const common: ErrorCode[] = ["unauthorized", "not_found"];
const json: ErrorCode[] = [
  "invalid_json",
  "unknown_field",
  "invalid_type",
  "validation_failed",
  "payload_too_large",
  "unsupported_media_type",
];

export const operations: Operation[] = [
  {
    method: "get",
    path: "/business",
    summary: "The business profile and branding",
    ok: [200, "Business"],
    errors: ["unauthorized"],
  },
  {
    method: "patch",
    path: "/business",
    summary: "Edit the profile and branding (sent invoices keep theirs)",
    body: "UpdateBusiness",
    ok: [200, "Business"],
    errors: ["unauthorized", ...json],
  },
  {
    method: "put",
    path: "/business/logo",
    summary: "Upload the logo: a PNG or JPEG body of at most 512 KB",
    body: "image",
    ok: [200, "Business"],
    errors: ["unauthorized", "payload_too_large", "unsupported_media_type", "validation_failed"],
  },
  {
    method: "delete",
    path: "/business/logo",
    summary: "Remove the logo from later sends",
    ok: [200, "Business"],
    errors: ["unauthorized"],
  },
  {
    method: "post",
    path: "/keys",
    summary: "Create another API key (the key is shown once)",
    body: "CreateApiKey",
    ok: [201, "CreatedApiKey"],
    errors: ["unauthorized", ...json],
  },
  {
    method: "get",
    path: "/keys",
    summary: "List API keys (prefix only)",
    ok: [200, "ApiKeyList"],
    errors: ["unauthorized"],
  },
  {
    method: "delete",
    path: "/keys/{id}",
    summary: "Revoke a key (not the one making the request)",
    ok: [200, "ApiKey"],
    errors: [...common, "key_in_use"],
  },
  {
    method: "post",
    path: "/invoices",
    summary: "Create a draft invoice",
    body: "CreateInvoice",
    ok: [201, "Invoice"],
    errors: ["unauthorized", ...json, "duplicate_number"],
  },
  {
    method: "get",
    path: "/invoices",
    summary: "List invoices, newest first, with filters and a cursor",
    ok: [200, "InvoicePage"],
    errors: ["unauthorized", "unknown_field", "validation_failed"],
  },
  {
    method: "get",
    path: "/invoices/{id}",
    summary: "One invoice with items, totals, views, payments and its link",
    ok: [200, "Invoice"],
    errors: common,
  },
  {
    method: "patch",
    path: "/invoices/{id}",
    summary: "Edit a draft or an unpaid sent invoice (bumps version)",
    body: "UpdateInvoice",
    ok: [200, "Invoice"],
    errors: [...common, ...json, "duplicate_number", "invoice_not_editable", "conflict"],
  },
  {
    method: "post",
    path: "/invoices/{id}/send",
    summary: "Send: snapshot the branding, return the link and a text message",
    body: "SendInvoice",
    ok: [201, "SendResult"],
    errors: [...common, ...json, "invoice_void", "conflict"],
  },
  {
    method: "post",
    path: "/invoices/{id}/link",
    summary: "New Link: issue a fresh link and revoke the previous one",
    ok: [201, "SendResult"],
    errors: [...common, "invoice_void", "conflict"],
  },
  {
    method: "delete",
    path: "/invoices/{id}/link",
    summary: "Revoke Access: disable the active link",
    ok: [200, "LinkRevoked"],
    errors: common,
  },
  {
    method: "post",
    path: "/invoices/{id}/void",
    summary: "Void the invoice (not once money was received)",
    ok: [200, "Invoice"],
    errors: [...common, "invoice_not_editable"],
  },
  {
    method: "post",
    path: "/invoices/{id}/payments",
    summary: "Record an offline payment (cash, check, other)",
    body: "RecordPayment",
    ok: [201, "PaymentRecorded"],
    errors: [
      ...common,
      ...json,
      "invoice_void",
      "invoice_not_payable",
      "amount_exceeds_balance",
      "conflict",
    ],
  },
  {
    method: "get",
    path: "/invoices/{id}/preview",
    summary: "A signed preview URL (1 hour) that never counts as a view",
    ok: [200, "Preview"],
    errors: [...common, "no_active_link"],
  },
  {
    method: "get",
    path: "/invoices/{id}/timeline",
    summary: "What happened to the invoice, oldest first",
    ok: [200, "Timeline"],
    errors: common,
  },
];
