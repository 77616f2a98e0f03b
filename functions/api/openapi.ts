import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "../http/errors";
import { MAX_JSON_BYTES } from "./body-limit";
import { createKeyBody, listQuery, paymentBody, sendBody } from "./schemas/action-input";
import { updateBusinessBody } from "./schemas/business-input";
import { createInvoiceBody, updateInvoiceBody } from "./schemas/invoice-input";
import * as out from "./schemas/responses";

// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests and
// describe answers, with zod's own JSON Schema output (no extra library in the Worker).

type Registry = ReturnType<typeof z.registry<{ id: string }>>;

function registry(schemas: Record<string, z.ZodType>): Registry {
  const r = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) r.add(schema, { id });
  return r;
}

const requestSchemas = {
  CreateInvoice: createInvoiceBody,
  UpdateInvoice: updateInvoiceBody,
  UpdateBusiness: updateBusinessBody,
  CreateApiKey: createKeyBody,
  SendInvoice: sendBody,
  RecordPayment: paymentBody,
};

const responseSchemas = {
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

interface Operation {
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

const operations: Operation[] = [
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

function stripMeta(schemas: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

function components() {
  const options = {
    target: "draft-2020-12" as const,
    uri: (id: string) => `#/components/schemas/${id}`,
  };
  const requests = z.toJSONSchema(registry(requestSchemas), { ...options, io: "input" });
  const responses = z.toJSONSchema(registry(responseSchemas), { ...options, io: "output" });
  return { ...stripMeta(requests.schemas), ...stripMeta(responses.schemas) };
}

function queryParameters() {
  const schema = z.toJSONSchema(listQuery, { io: "input" }) as {
    properties: Record<string, { description?: string }>;
  };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    description: property.description,
    schema:
      name === "limit" ? { type: "integer", minimum: 1, maximum: 100, default: 25 } : property,
  }));
}

function operationObject(op: Operation) {
  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  const responses: Record<string, unknown> = {
    [op.ok[0]]: { description: "OK", content: { "application/json": { schema: ref(op.ok[1]) } } },
  };
  if (op.ok[1] === "SendResult" && op.path.endsWith("/send")) {
    // Sending again without new_link returns the active link unchanged.
    responses[200] = {
      description: "The invoice already had an active link; it is returned again",
      content: { "application/json": { schema: ref("SendResult") } },
    };
  }
  for (const code of op.errors) {
    const status = String(ERROR_STATUS[code]);
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = {
      description: existing ? `${existing.description}, ${code}` : code,
      content: { "application/json": { schema: ref("Error") } },
    };
  }
  const parameters = [
    ...(op.path.includes("{id}")
      ? [{ name: "id", in: "path", required: true, schema: { type: "string" } }]
      : []),
    ...(op.path === "/invoices" && op.method === "get" ? queryParameters() : []),
  ];
  let requestBody: unknown;
  if (op.body === "image") {
    const image = { schema: { type: "string", contentMediaType: "image/png" } };
    requestBody = { required: true, content: { "image/png": image, "image/jpeg": image } };
  } else if (op.body) {
    requestBody = {
      required:
        op.body === "CreateInvoice" ||
        op.body === "UpdateInvoice" ||
        op.body === "UpdateBusiness" ||
        op.body === "RecordPayment",
      content: { "application/json": { schema: ref(op.body) } },
    };
  }
  return {
    summary: op.summary,
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

const DESCRIPTION = `The owner API of the invoice portal.

Authenticate with an API key: \`Authorization: Bearer sk_portal_…\`. A key acts for its own business
only; another business's invoice answers 404.

Conventions: JSON keys are snake_case. Money is an integer in minor units of the invoice's
currency (4500 is $45.00; 4500 is ¥4,500). Quantities and rates are exact decimals with up to 3
places, given as strings ("1.5", "8.875") or JSON numbers; answers give them as strings. Rates are
percentages (8.875 means 8.875%). Dates are calendar days (YYYY-MM-DD); instants are ISO 8601 UTC.
Totals are always computed by the server. Request bodies are JSON (at most ${MAX_JSON_BYTES / 1024 / 1024} MB) and unknown
fields are refused.

Errors have one shape: \`{ "error": { "code", "message", "requestId", "details"?: [{ "path", "message" }] } }\`.
400: malformed JSON, unknown fields, wrong types or missing fields; 422: values not accepted.`;

let cached: unknown;

/** The document, built once per isolate on first request. */
export function openApiDocument(): unknown {
  cached ??= {
    openapi: "3.1.0",
    info: { title: "Invoice Portal owner API", version: "1.0.0", description: DESCRIPTION },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    paths: operations.reduce<Record<string, Record<string, unknown>>>(
      (paths, op) => {
        paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
        return paths;
      },
      {
        "/openapi.json": {
          get: {
            summary: "This document",
            security: [],
            responses: { 200: { description: "OpenAPI 3.1" } },
          },
        },
      },
    ),
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key (sk_portal_…)" },
      },
      schemas: components(),
    },
  };
  return cached;
}
