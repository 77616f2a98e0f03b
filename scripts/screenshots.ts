import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { businesses, invoices } from "../db/schema";
import { newSession } from "../functions/owners/sessions";
import { DESKTOP, IPHONE_UA, launchChromium, PHONE } from "../test/support/browser";
import { buildWorker, freePort, startDatabase, startWorker } from "./lib/local-stack";

// `npm run screenshots`: builds the Worker, serves fresh demo data, and saves a phone-width and
// a desktop screenshot of every demo invoice in test-artifacts/screenshots/, then of every page
// of the owner app (signed in as the demo Pro business, on localhost as passkeys require).

const out = "test-artifacts/screenshots";
mkdirSync(out, { recursive: true });
if (!process.argv.includes("--no-build")) await buildWorker();

const dir = mkdtempSync(join(tmpdir(), "portal-shots-"));
const secret = "screenshot-signing-secret-0123456789abcdef";
const database = await startDatabase({
  path: join(dir, "db.sqlite"),
  port: 0,
  signingSecret: secret,
});
const port = await freePort();
const worker = await startWorker({
  port,
  vars: {
    TURSO_DATABASE_URL: database.server.url,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    SIGNING_SECRET: secret,
  },
});
const browser = await launchChromium();
try {
  for (const link of database.links) {
    for (const [name, viewport] of [
      ["phone", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        deviceScaleFactor: viewport.deviceScaleFactor,
        isMobile: viewport.isMobile,
        hasTouch: viewport.hasTouch,
        userAgent: name === "phone" ? IPHONE_UA : undefined,
      });
      const page = await context.newPage();
      await page.goto(`${worker.url}/p/${link.token}`);
      const file = `${out}/${link.number}-${name}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await context.close();
    }
  }
  await ownerPages();
} finally {
  await browser.close();
  await worker.stop();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

async function ownerPages() {
  const db = database.db;
  const [business] = await db
    .select({ id: businesses.id })
    .from(businesses)
    .where(eq(businesses.plan, "pro"));
  if (!business) return;
  const [invoice] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(eq(invoices.businessId, business.id));
  const app = `http://localhost:${port}/app`;
  const paths = [
    ["list", ""],
    ["detail", `/invoices/${invoice?.id}`],
    ["qr", `/invoices/${invoice?.id}/qr`],
    ["new-invoice", "/invoices/new"],
    ["settings", "/settings"],
    ["keys", "/keys"],
    ["devices", "/devices"],
    ["sign-in", "/sign-in"],
  ];
  for (const [name, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const session = await newSession(db, {
      businessId: business.id,
      passkeyId: "pk_screenshots",
      clientKind: name === "phone" ? "phone" : "desktop",
      now: new Date(),
    });
    await session.insert;
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      deviceScaleFactor: viewport.deviceScaleFactor,
      isMobile: viewport.isMobile,
      hasTouch: viewport.hasTouch,
      userAgent: name === "phone" ? IPHONE_UA : undefined,
    });
    await context.addCookies([
      { name: "owner_session", value: session.token, url: app, httpOnly: true, secure: true },
    ]);
    const page = await context.newPage();
    for (const [pageName, path] of paths) {
      await page.goto(`${app}${path}`);
      const file = `${out}/owner-${pageName}-${name}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
}
