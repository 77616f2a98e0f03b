import { z } from "zod";
import { ERROR_STATUS } from "../../http/errors";
import { MAX_JSON_BYTES } from "./body-limit";
import { type Operation, operations, requestSchemas, responseSchemas } from "./openapi-operations";
import { listQuery } from "./schemas/action-input";

// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests and
// describe answers, with zod's own JSON Schema output (no extra library in the Worker).

type Registry = ReturnType<typeof z.registry<{ id: string }>>;

function registry(schemas: Record<string, z.ZodType>): Registry {
  const r = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) r.add(schema, { id });
  return r;
}

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
