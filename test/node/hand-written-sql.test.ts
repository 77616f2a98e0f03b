import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findStatements, scanForStatements } from "../support/hand-written-sql";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("hand-written writes", () => {
  it("finds none outside the migrations and the local libSQL server", async () => {
    const findings = await scanForStatements(
      ROOT,
      ["functions", "db", "cli", "scripts"],
      // The migrations are the schema written as SQL; the libSQL server runs whatever SQL it is
      // sent, and its tests send SQL. Either may live under tools/ as well.
      ["db/migrations", "db/server", "tools/libsql-server"],
    );
    const report = findings.map((f) => `${f.file}:${f.line}: ${f.statement}`);
    expect(report, "build these with drizzle's query builder").toEqual([]);
  });

  it("finds statements across lines, in any case, with their line", () => {
    const text = [
      "const a = 1;",
      "db.run(sql`INSERT INTO invoice_events (id) VALUES (?)`);",
      "const b = `update payments",
      "  SET status = 'expired'`;",
      'client.execute("delete   from views");',
      'client.execute("INSERT OR IGNORE INTO stripe_events VALUES (?)");',
      'client.execute(`UPDATE "portal_links" SET revoked_at = 1`);',
    ].join("\n");
    expect(findStatements(text)).toEqual([
      { line: 2, statement: "INSERT INTO" },
      { line: 3, statement: "update payments SET" },
      { line: 5, statement: "delete from" },
      { line: 6, statement: "INSERT OR IGNORE INTO" },
      { line: 7, statement: 'UPDATE "portal_links" SET' },
    ]);
  });

  it("leaves prose, HTTP methods and drizzle's builder alone", () => {
    const text = [
      "// Inserts the row, then we update the invoice to set its status.",
      " * Rows we insert into the timeline come first.",
      'api("DELETE", "/keys/k1");',
      "db.update(payments).set({ status: 'expired' }).where(mine);",
      "db.insert(invoiceEvents).select(db.select(entry).from(payments));",
      "db.delete(lineItems).where(eq(lineItems.invoiceId, id));",
    ].join("\n");
    expect(findStatements(text)).toEqual([]);
  });
});
