/// <reference types="@cloudflare/vitest-plugin/types" />
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../db/client";
import { overdueDigestMarks } from "../../db/schema";
import { readConfig } from "../../functions/env";
import { runScheduled } from "../../functions/scheduled";
import { makeBusiness, makeInvoice, makePayment } from "../support/factories";

// The Worker's scheduled work inside workerd, against the libSQL server over loopback: what the
// hourly Cron Trigger runs. Without VAPID keys its notices go only to the log as JSON lines,
// so the test reads the log and the marks the run left in the database. The database is shared
// with the other workerd tests, so only this file's businesses are looked at.

const bindings = env as unknown as Record<string, string>;
const db = createDb(readConfig(bindings));

/** 08:00 in Los Angeles on 2 December 2026, 10:00 in Mexico City. */
const MORNING = Date.parse("2026-12-02T16:00:00Z");

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs the scheduled handler and returns the JSON lines it logged. */
async function scheduledRun(scheduledTime: number, withEnv: object = bindings) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => {
    raw.push(String(line));
    lines.push(JSON.parse(String(line)));
  });
  vi.spyOn(console, "error").mockImplementation((line: unknown) => {
    raw.push(String(line));
    lines.push(JSON.parse(String(line)));
  });
  let failure: unknown = null;
  await runScheduled(
    createScheduledController({ scheduledTime, cron: "0 * * * *" }),
    withEnv,
  ).catch((error: unknown) => {
    failure = error;
  });
  vi.restoreAllMocks();
  return { lines, raw, failure };
}

describe("the scheduled overdue digest in workerd", () => {
  it("logs one digest per business, records the marks, and sends nothing new on a re-run", async () => {
    const greenleaf = await makeBusiness(db, {
      name: "Greenleaf Landscaping",
      timezone: "America/Los_Angeles",
      defaultLocale: "en-US",
    });
    const sent = { businessId: greenleaf.id, status: "sent" as const, dueDate: "2026-12-01" };
    const a = await makeInvoice(db, { ...sent, number: "GL-2001", items: [{ unitPrice: 53_349 }] });
    const b = await makeInvoice(db, { ...sent, number: "GL-2002" });
    await makePayment(db, { invoiceId: b.invoice.id, amount: 2_000 });
    await makeInvoice(db, { ...sent, number: "GL-2003", dueDate: "2026-12-02" });
    await makeInvoice(db, { ...sent, number: "GL-2004", status: "void" });

    const zoe = await makeBusiness(db, {
      name: "Zoë Müller Fontanería",
      timezone: "America/Mexico_City",
      defaultLocale: "es-MX",
    });
    const c = await makeInvoice(db, {
      businessId: zoe.id,
      status: "sent",
      number: "ZM-1043",
      dueDate: "2026-12-01",
      currency: "MXN",
      locale: "es-MX",
      items: [{ unitPrice: 48_000 }],
    });
    const mine = [greenleaf.id, zoe.id];

    const first = await scheduledRun(MORNING);
    const notices = first.lines.filter(
      (line) => line.event === "owner_notice" && mine.includes(String(line.businessId)),
    );
    expect(notices).toEqual([
      {
        event: "owner_notice",
        businessId: greenleaf.id,
        title: "2 invoices became overdue",
        body: "GL-2001 $533.49, GL-2002 $80.00",
        url: "/app?filter=overdue",
        tag: "overdue-2026-12-02",
      },
      {
        event: "owner_notice",
        businessId: zoe.id,
        title: "1 factura se venció",
        body: "ZM-1043 $480.00",
        url: "/app?filter=overdue",
        tag: "overdue-2026-12-02",
      },
    ]);
    const failedHere = first.lines.filter(
      (line) => line.event === "overdue_digest_failed" && mine.includes(String(line.businessId)),
    );
    expect(failedHere).toEqual([]);
    expect(first.lines.some((line) => line.event === "overdue_digest_run")).toBe(true);
    // Nothing secret in the log: no customer link, no signing secret.
    for (const line of first.raw) {
      expect(line).not.toContain("/p/");
      expect(line).not.toContain(bindings.SIGNING_SECRET);
    }

    const marks = await db
      .select()
      .from(overdueDigestMarks)
      .where(inArray(overdueDigestMarks.businessId, mine));
    expect(marks.map((m) => m.invoiceId).sort()).toEqual(
      [a.invoice.id, b.invoice.id, c.invoice.id].sort(),
    );
    expect(
      marks.every((m) => m.sentAt?.getTime() === MORNING && m.digestDate === "2026-12-02"),
    ).toBe(true);

    // The same run again, and an hour later: no new notice for these businesses.
    for (const again of [MORNING, MORNING + 60 * 60 * 1000]) {
      const rerun = await scheduledRun(again);
      expect(
        rerun.lines.filter(
          (line) => line.event === "owner_notice" && mine.includes(String(line.businessId)),
        ),
      ).toEqual([]);
    }
  });

  it("fails the invocation, saying why, when the database cannot be reached", async () => {
    const run = await scheduledRun(MORNING, {
      ...bindings,
      TURSO_DATABASE_URL: bindings.TEST_CLOSED_PORT_URL,
    });
    expect(run.failure).toBeInstanceOf(Error);
    expect(run.lines.filter((line) => line.event === "owner_notice")).toEqual([]);
  });
});
