import { LibsqlError } from "@libsql/client";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

const refused = () =>
  Object.assign(new TypeError("fetch failed"), { cause: new Error("connect ECONNREFUSED") });

describe("isDatabaseUnavailable", () => {
  it("recognises the client's own errors and a refused connection", () => {
    expect(
      isDatabaseUnavailable(new LibsqlError("Server returned HTTP status 502", "SERVER_ERROR")),
    ).toBe(true);
    expect(isDatabaseUnavailable(refused())).toBe(true);
  });

  it("looks through drizzle's query error to its cause", () => {
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], refused()))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new DrizzleQueryError("select 1", [], new LibsqlError("locked", "SQLITE_BUSY")),
      ),
    ).toBe(true);
  });

  it("leaves programming errors alone, wrapped or not", () => {
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], new RangeError("x")))).toBe(
      false,
    );
    expect(isDatabaseUnavailable("not an error")).toBe(false);
  });
});
