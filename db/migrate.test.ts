import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "./migrate";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies every migration once and reports what it did", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    const first = await migrate(client);
    expect(first.applied).toContain("0000_init");
    expect(first.alreadyApplied).toEqual([]);

    const second = await migrate(client);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    expect(second.changedSinceApplied).toEqual([]);

    const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
    const names = tables.rows.map((row) => row.name);
    for (const table of ["businesses", "invoices", "portal_links", "payments", "stripe_events"]) {
      expect(names).toContain(table);
    }
    client.close();
  });

  it("enforces one active link per invoice in the database itself", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    await migrate(client);
    await client.batch(
      [
        "INSERT INTO businesses (id, name) VALUES ('b1', 'B')",
        "INSERT INTO invoices (id, business_id, number, issue_date, due_date, currency, locale) VALUES ('i1', 'b1', '1', '2026-01-01', '2026-01-31', 'USD', 'en-US')",
        "INSERT INTO portal_links (id, invoice_id, token_hash, token_sealed) VALUES ('l1', 'i1', 'h1', 's')",
      ],
      "write",
    );
    await expect(
      client.execute(
        "INSERT INTO portal_links (id, invoice_id, token_hash, token_sealed) VALUES ('l2', 'i1', 'h2', 's')",
      ),
    ).rejects.toThrow(/UNIQUE/);
    await client.execute("UPDATE portal_links SET revoked_at = 1 WHERE id = 'l1'");
    await client.execute(
      "INSERT INTO portal_links (id, invoice_id, token_hash, token_sealed) VALUES ('l2', 'i1', 'h2', 's')",
    );
    client.close();
  });
});
