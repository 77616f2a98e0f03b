import { describe, expect, it } from "vitest";
import { onUniqueViolation, uniqueViolation } from "./unique-violation";

describe("uniqueViolation", () => {
  it("finds the columns, however the error is wrapped", () => {
    const inner = new Error(
      "SQLITE_CONSTRAINT: UNIQUE constraint failed: invoices.business_id, invoices.number",
    );
    const wrapped = new Error("Failed query: insert …", { cause: inner });
    expect(uniqueViolation(wrapped)).toEqual(["invoices.business_id", "invoices.number"]);
    expect(uniqueViolation(new Error("no such table: x"))).toBeNull();
    expect(uniqueViolation("text")).toBeNull();
  });

  it("maps only the violations asked for", async () => {
    const fail = (message: string) => () => Promise.reject(new Error(message));
    const map = (columns: string[]) => (columns.includes("a.b") ? new Error("mapped") : null);
    await expect(onUniqueViolation(fail("UNIQUE constraint failed: a.b"), map)).rejects.toThrow(
      "mapped",
    );
    await expect(onUniqueViolation(fail("UNIQUE constraint failed: c.d"), map)).rejects.toThrow(
      "c.d",
    );
    await expect(onUniqueViolation(() => Promise.resolve(1), map)).resolves.toBe(1);
  });
});
