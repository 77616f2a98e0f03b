import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { apiRoutes } from "./routes";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};
const doc = openApiDocument() as Doc;

describe("the OpenAPI document", () => {
  it("describes every route the API serves, and nothing else", () => {
    const served = apiRoutes.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(served));
  });

  it("resolves every reference to a component schema", () => {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(doc.components.schemas[ref.split("/").pop() ?? ""], ref).toBeDefined();
    }
  });

  it("states the conventions: snake_case, minor units, decimal strings", () => {
    const text = JSON.stringify(doc);
    expect(doc.openapi).toBe("3.1.0");
    expect(text).toContain("minor units");
    expect(text).toContain("8.875");
    const create = doc.components.schemas.CreateInvoice as { properties: Record<string, unknown> };
    expect(Object.keys(create.properties)).toContain("fixed_amount");
    expect(create).toMatchObject({ additionalProperties: false });
  });

  it("lists every owner state, nothing_due included, for answers and the list filter", () => {
    const summary = doc.components.schemas.InvoiceSummary as {
      properties: { state: { enum: string[] } };
    };
    expect(summary.properties.state.enum).toContain("nothing_due");
    const list = doc.paths["/invoices"]?.get as unknown as {
      parameters: { name: string; schema: { enum?: string[] } }[];
    };
    const state = list.parameters.find((p) => p.name === "state");
    expect(state?.schema.enum).toContain("nothing_due");
  });

  it("describes the refund due on every invoice and list row", () => {
    for (const id of ["InvoiceSummary", "Invoice"]) {
      const schema = doc.components.schemas[id] as {
        properties: Record<string, { type?: string; description?: string }>;
        required: string[];
      };
      expect(schema.properties.refund_due, id).toMatchObject({ type: "integer" });
      expect(schema.properties.refund_due?.description, id).toMatch(/void|total/);
      expect(schema.required, id).toContain("refund_due");
    }
  });
});
