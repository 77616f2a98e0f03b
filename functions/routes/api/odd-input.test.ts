import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../../../test/support/api";
import { makeInvoice, makeOwner } from "../../../test/support/factories";
import { startTestApp, type TestApp } from "../../../test/support/test-app";

// Bad input gets a clear error in the one shape, on every endpoint: never a 500, never a body
// of another shape, and nothing written.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const JSON_TYPE = { "Content-Type": "application/json" };

/** A JSON text whose name is Latin-1 bytes (0xE9 for "é"), which is not UTF-8. */
const latin1 = (json: string) => Uint8Array.from(json, (ch) => ch.charCodeAt(0));

/** [label, raw body, headers, expected status, expected code] */
const bodies: [string, BodyInit, Record<string, string>, number, string][] = [
  ["malformed JSON", '{"number": ', JSON_TYPE, 400, "invalid_json"],
  ["an array", "[]", JSON_TYPE, 400, "invalid_json"],
  ["null", "null", JSON_TYPE, 400, "invalid_json"],
  ["a number", "1e308", JSON_TYPE, 400, "invalid_json"],
  ["a lone surrogate escape", '{"x": "\\ud800"}', JSON_TYPE, 400, "unknown_field"],
  ["Latin-1 bytes", latin1('{"name": "Jos\xE9"}'), JSON_TYPE, 400, "invalid_json"],
  ["a stray continuation byte", latin1('{"x": "\x80"}'), JSON_TYPE, 400, "invalid_json"],
  ["text/plain", "{}", { "Content-Type": "text/plain" }, 415, "unsupported_media_type"],
  ["no content type", "{}", {}, 415, "unsupported_media_type"],
];

function expectErrorShape(answer: { status: number; body: unknown }, label: string) {
  expect(answer.status, label).toBeLessThan(500);
  expect(answer.body, label).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) },
  });
}

describe("odd input on every endpoint", () => {
  it("answers odd bodies with the one error shape", async () => {
    const { business, key } = await makeOwner(t.db);
    const api = apiAs(t, key);
    const { invoice } = await makeInvoice(t.db, { businessId: business.id, status: "sent" });
    const writes = [
      ["POST", "/invoices"],
      ["PATCH", `/invoices/${invoice.id}`],
      ["POST", `/invoices/${invoice.id}/send`],
      ["POST", `/invoices/${invoice.id}/link`],
      ["POST", `/invoices/${invoice.id}/payments`],
      ["PATCH", "/business"],
      ["POST", "/keys"],
    ] as const;
    for (const [method, path] of writes) {
      for (const [label, raw, headers, status, code] of bodies) {
        const answer = await api(method, path, undefined, { raw, headers });
        expectErrorShape(answer, `${method} ${path} ${label}`);
        expect([answer.status, answer.body.error.code], `${method} ${path} ${label}`).toEqual([
          status,
          code,
        ]);
      }
    }
    const after = await api("GET", `/invoices/${invoice.id}`);
    expect([after.body.version, after.body.link, after.body.payments]).toEqual([1, null, []]);
  });

  it("answers odd ids with 404 and odd query strings with 400 or 422", async () => {
    const { key } = await makeOwner(t.db);
    const api = apiAs(t, key);
    const ids = [
      "%00",
      "%ZZ",
      "%",
      "..%2F..%2Fbusiness",
      "%E2%80%AE",
      "%ED%A0%80",
      "x".repeat(5000),
    ];
    const actions = [
      ["GET", ""],
      ["POST", "/send"],
      ["POST", "/link"],
      ["DELETE", "/link"],
      ["POST", "/void"],
      ["GET", "/preview"],
      ["GET", "/timeline"],
    ] as const;
    for (const id of ids) {
      for (const [method, suffix] of actions) {
        const answer = await api(method, `/invoices/${id}${suffix}`);
        expect([answer.status, answer.body.error?.code], `${method} ${suffix}`).toEqual([
          404,
          "not_found",
        ]);
      }
      const edit = await api("PATCH", `/invoices/${id}`, { notes: "x" });
      expect(edit.status).toBe(404);
      const pay = await api("POST", `/invoices/${id}/payments`, { amount: 1, method: "cash" });
      expect(pay.status).toBe(404);
      expect((await api("DELETE", `/keys/${id}`)).status).toBe(404);
    }
    const queries = [
      "limit=0",
      "limit=1.5",
      "limit=1e3",
      "cursor=%25%25",
      `cursor=${btoa("1e5.abc")}`,
      `q=${"x".repeat(100_000)}`,
      "q=%00",
      "status=DRAFT",
      "paid=1",
      "colour=red",
    ];
    for (const query of queries) {
      const answer = await api("GET", `/invoices?${query}`);
      expectErrorShape(answer, query.slice(0, 40));
      expect([400, 422], query.slice(0, 40)).toContain(answer.status);
    }
  });
});
