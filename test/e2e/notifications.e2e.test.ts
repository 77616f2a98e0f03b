import { eq } from "drizzle-orm";
import type { BrowserContext } from "playwright-core";
import { expect, it } from "vitest";
import { businesses } from "../../db/schema";
import { newSession } from "../../functions/owners/sessions";
import { browserSuite, newContext, screenshot, shown, stack, useBrowser, useDb } from "./support";

// The installable owner app in Chromium: its manifest and icons, the service worker that shows a
// pushed notice, and the devices page's notifications switch with and without JavaScript. (The
// encrypted delivery itself is tested against a local push service in workerd.)

const appBase = () => stack.baseUrl.replace("127.0.0.1", "localhost");

browserSuite("notifications", () => {
  const browser = useBrowser();
  const db = useDb();

  async function signedIn(javaScriptEnabled = true): Promise<BrowserContext> {
    const [business] = await db()
      .select({ id: businesses.id })
      .from(businesses)
      .where(eq(businesses.name, "Greenleaf Landscaping"));
    if (!business) throw new Error("Demo business missing");
    const session = await newSession(db(), {
      businessId: business.id,
      passkeyId: "pk_e2e",
      clientKind: "phone",
      now: new Date(),
    });
    await session.insert;
    const context = await newContext(browser(), "phone", { javaScriptEnabled });
    await context.addCookies([
      { name: "owner_session", value: session.token, url: `${appBase()}/app`, httpOnly: true },
    ]);
    return context;
  }

  it("serves an installable manifest with its icons", async () => {
    const manifestUrl = `${appBase()}/app/manifest.webmanifest`;
    const manifest = (await (await fetch(manifestUrl)).json()) as {
      start_url: string;
      scope: string;
      display: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest).toMatchObject({ start_url: "/app", scope: "/app", display: "standalone" });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(["192x192", "512x512"]),
    );
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, manifestUrl));
      expect({
        src: icon.src,
        status: response.status,
        type: response.headers.get("Content-Type"),
      }).toEqual({ src: icon.src, status: 200, type: expect.stringContaining(icon.type) });
    }
    const worker = await fetch(`${appBase()}/app/sw.js`);
    expect(worker.headers.get("Service-Worker-Allowed")).toBe("/app");
  });

  it("offers the switch on the devices page, and the service worker shows a pushed notice", async () => {
    const context = await signedIn();
    await context.grantPermissions(["notifications"], { origin: appBase() });
    try {
      const page = await context.newPage();
      await page.goto(`${appBase()}/app/devices`);
      expect(await page.getAttribute('link[rel="manifest"]', "href")).toBe(
        "/app/manifest.webmanifest",
      );
      const on = page.locator("[data-push-on]");
      expect(await on.isVisible()).toBe(true);
      expect(await page.locator("[data-needs-script]").isVisible()).toBe(false);
      await screenshot(page, "owner-devices-notifications-phone");

      // The worker the switch registers, sent a push as the browser's push service would.
      const cdp = await context.newCDPSession(page);
      const registered = new Promise<string>((resolve) => {
        cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
          const mine = registrations.find((r) => r.scopeURL.endsWith("/app"));
          if (mine) resolve(mine.registrationId);
        });
      });
      await cdp.send("ServiceWorker.enable");
      const scope = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.register("/app/sw.js", {
          scope: "/app",
        });
        await navigator.serviceWorker.ready;
        return registration.scope;
      });
      expect(new URL(scope).pathname).toBe("/app");
      const notice = {
        title: "Sam opened invoice GL-2001",
        body: "",
        url: "/app/invoices/inv_1",
        tag: "viewed-inv_1",
      };
      await cdp.send("ServiceWorker.deliverPushMessage", {
        origin: appBase(),
        registrationId: await registered,
        data: JSON.stringify(notice),
      });
      const shownNotices = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration("/app");
        for (let i = 0; i < 50; i++) {
          const list = (await registration?.getNotifications()) ?? [];
          if (list.length) return list.map((n) => ({ title: n.title, tag: n.tag, data: n.data }));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return [];
      });
      expect(shownNotices).toEqual([
        { title: notice.title, tag: notice.tag, data: { url: `${appBase()}${notice.url}` } },
      ]);
    } finally {
      await context.close();
    }
  });

  it("says plainly that turning notifications on needs JavaScript", async () => {
    const context = await signedIn(false);
    try {
      const page = await context.newPage();
      await page.goto(`${appBase()}/app/devices`);
      expect(await shown(page.locator("[data-needs-script]"))).toMatch(/needs JavaScript/);
      expect(await page.locator("[data-push-on]").isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
