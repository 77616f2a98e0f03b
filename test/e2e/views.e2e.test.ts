import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "../../db/client";
import { invoices, views } from "../../db/schema";
import {
  browserSuite,
  createInvoice,
  eventually,
  openPage,
  screenshot,
  stack,
  useBrowser,
  useDb,
} from "./support";

// Honest "viewed": a link preview (iMessage builds one on the sender's phone as soon as the
// owner texts the link) never counts; the customer's browser does, once for the first-view date
// and once per visit in the view log.

/** The agent iMessage's link preview sends. */
const IMESSAGE_PREVIEW = "facebookexternalhit/1.1 Facebot Twitterbot/1.0";

async function viewState(db: Db, invoiceId: string) {
  const [invoice] = await db
    .select({ firstViewedAt: invoices.firstViewedAt })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  const rows = await db
    .select({ viewedAt: views.viewedAt, clientKind: views.clientKind })
    .from(views)
    .where(eq(views.invoiceId, invoiceId))
    .orderBy(asc(views.viewedAt));
  return { firstViewedAt: invoice?.firstViewedAt ?? null, views: rows };
}

browserSuite("view tracking", () => {
  const browser = useBrowser();
  const db = useDb();

  it("ignores link previews, records the first browser view once and logs every visit", async () => {
    const { invoiceId, path } = await createInvoice(db(), {
      business: "pro",
      number: "VT-3001",
      values: { amountMode: "fixed", fixedAmount: 25_000, customerName: "Robin Park" },
    });
    const url = `${stack.baseUrl}${path}`;

    // The preview fetcher: HEAD, then GET, no script; and a preview that does run the beacon.
    const head = await fetch(url, { method: "HEAD", headers: { "User-Agent": IMESSAGE_PREVIEW } });
    expect(head.status).toBe(200);
    const get = await fetch(url, { headers: { "User-Agent": IMESSAGE_PREVIEW } });
    expect(get.status).toBe(200);
    expect(await get.text()).toContain("VT-3001");
    const beacon = await fetch(`${url}/seen`, {
      method: "POST",
      headers: { "User-Agent": IMESSAGE_PREVIEW },
    });
    expect(beacon.status).toBe(204);
    // A preview's beacon queues no write at all (the route tests await the app's queue to prove
    // it); here, any row it wrote would show up below next to the browser's own views.

    // The customer opens the link on a phone: the page's beacon marks the invoice viewed.
    const first = await openPage(browser(), path, "phone");
    await screenshot(first.page, "viewed-first-visit-phone");
    await first.context.close();
    const firstView = await eventually(async () => {
      const state = await viewState(db(), invoiceId);
      return state.firstViewedAt && state.views.length === 1 ? state : undefined;
    });
    expect(firstView.views[0]?.clientKind).toBe("phone");
    expect(firstView.firstViewedAt?.getTime()).toBe(firstView.views[0]?.viewedAt.getTime());
    expect(Math.abs(Date.now() - (firstView.firstViewedAt?.getTime() ?? 0))).toBeLessThan(60_000);

    // A second visit, on desktop: logged, but the first-view date stays.
    const second = await openPage(browser(), path, "desktop");
    await second.context.close();
    const secondView = await eventually(async () => {
      const state = await viewState(db(), invoiceId);
      return state.views.length === 2 ? state : undefined;
    });
    expect(secondView.firstViewedAt).toEqual(firstView.firstViewedAt);
    expect(secondView.views.map((v) => v.clientKind)).toEqual(["phone", "desktop"]);
  });
});
