import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { businesses, invoices, overdueDigestMarks } from "../../db/schema";
import { localHour } from "../../functions/i18n/format";
import { browserSuite, stack, useDb } from "./support";

// The built Worker's scheduled handler (src/worker.ts) under `wrangler dev`, called the way a
// Cron Trigger calls it: the demo's overdue invoice is named in its business's digest once,
// and a second run names nothing again.

/** The next whole hour from now at which the business's clock shows 08:00. */
function morningFor(timeZone: string): number {
  const hour = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  for (let i = 0; i < 24; i++) {
    const at = hour + i * 3_600_000;
    if (localHour(new Date(at), timeZone) === 8) return at;
  }
  throw new Error(`no morning in ${timeZone}`);
}

function scheduled(time: number): Promise<Response> {
  return fetch(`${stack.baseUrl}/cdn-cgi/handler/scheduled?cron=0+*+*+*+*&time=${time}`);
}

browserSuite("scheduled work", () => {
  const db = useDb();

  it("records the demo's overdue invoice as named in a digest, once", async () => {
    const [row] = await db()
      .select({ id: invoices.id, timezone: businesses.timezone })
      .from(invoices)
      .innerJoin(businesses, eq(businesses.id, invoices.businessId))
      .where(eq(invoices.number, "ZM-1043"));
    if (!row) throw new Error("Demo data missing");
    const time = morningFor(row.timezone);
    expect((await scheduled(time)).status).toBe(200);
    const marks = () =>
      db().select().from(overdueDigestMarks).where(eq(overdueDigestMarks.invoiceId, row.id));
    const [mark] = await marks();
    expect(mark?.sentAt?.getTime()).toBe(time);

    expect((await scheduled(time + 3_600_000)).status).toBe(200);
    expect(await marks()).toEqual([mark]);
  });
});
