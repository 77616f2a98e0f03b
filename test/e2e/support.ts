import { mkdirSync } from "node:fs";
import { type Client, createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  Locator,
  Page,
} from "playwright-core";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import type { Db } from "../../db/client";
import { businesses, invoices, lineItems } from "../../db/schema";
import { newId } from "../../functions/domain/tokens";
import { sendInvoice } from "../../functions/invoices/send-invoice";
import { resolvePortalLink } from "../../functions/links/resolve-portal-link";
import { buildInvoiceView } from "../../functions/views/invoice-view";
import type { InvoiceView } from "../../functions/views/page-model";
import {
  DESKTOP,
  IPHONE_UA,
  launchChromium,
  MISSING_BROWSER_MESSAGE,
  PHONE,
  SMALL_PHONE,
} from "../support/browser";

// Shared by the browser test files: the stack started by global-setup.ts, one Chromium per file,
// viewports, screenshots, and direct database access for setting up and checking state.

export const stack = inject("e2e");
export const ARTIFACTS = "test-artifacts/e2e";

/** An ordinary desktop Chrome agent (headless Chromium announces itself, and is not a view). */
export const DESKTOP_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

export const VIEWPORTS = {
  phone: { ...PHONE, userAgent: IPHONE_UA },
  "small-phone": { ...SMALL_PHONE, userAgent: IPHONE_UA },
  desktop: { ...DESKTOP, userAgent: DESKTOP_UA },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * A describe block that needs Chromium. Without one it is skipped, loudly; with REQUIRE_BROWSER=1
 * (CI) a missing browser is a failing test instead, so the browser tests never silently stop.
 */
export function browserSuite(name: string, body: () => void): void {
  if (stack.browser) {
    describe(name, body);
    return;
  }
  if (process.env.REQUIRE_BROWSER === "1") {
    describe(name, () => {
      it("has a browser to run in (REQUIRE_BROWSER=1)", () => {
        throw new Error(MISSING_BROWSER_MESSAGE);
      });
    });
    return;
  }
  console.error(`${name}: skipped. ${MISSING_BROWSER_MESSAGE}`);
  describe.skip(name, body);
}

/** One Chromium for the calling file, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("Chromium is not running");
    return browser;
  };
}

export async function newContext(
  browser: Browser,
  viewport: ViewportName,
  extra: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const v = VIEWPORTS[viewport];
  return browser.newContext({
    viewport: { width: v.width, height: v.height },
    deviceScaleFactor: v.deviceScaleFactor,
    isMobile: v.isMobile,
    hasTouch: v.hasTouch,
    userAgent: v.userAgent,
    locale: "en-US",
    ...extra,
  });
}

/** Opens a path of the Worker in a fresh context; the caller closes `context`. */
export async function openPage(
  browser: Browser,
  path: string,
  viewport: ViewportName = "phone",
  extra: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; status: number | undefined }> {
  const context = await newContext(browser, viewport, extra);
  const page = await context.newPage();
  const response = await page.goto(`${stack.baseUrl}${path}`, { waitUntil: "load" });
  return { context, page, status: response?.status() };
}

/** Saves a screenshot (the full page unless told) under test-artifacts/e2e/, never committed. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage });
}

export interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** Elements whose box reaches past the right (or, right to left, the left) edge. */
  offenders: string[];
}

/** Whether anything on the page is wider than the viewport. */
export function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    // The layout viewport (the device's width under `width=device-width`). A phone's browser
    // zooms out when content overflows, which widens window.innerWidth and would hide it.
    const width = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) {
        const cls = element.getAttribute("class");
        offenders.push(
          `${element.tagName.toLowerCase()}${cls ? `.${cls.split(" ").join(".")}` : ""} (left ${Math.round(box.left)}, right ${Math.round(box.right)})`,
        );
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: width,
      offenders: offenders.slice(0, 10),
    };
  });
}

export function linkFor(number: string): string {
  const link = stack.links.find((l) => l.number === number);
  if (!link) throw new Error(`No demo link for ${number}`);
  return `/p/${link.token}`;
}

/** Drizzle over the stack's libSQL server, for setting up and checking state directly. */
export function useDb(): () => Db {
  let client: Client | undefined;
  let db: Db | undefined;
  beforeAll(() => {
    client = createClient({ url: stack.dbUrl });
    db = drizzle(client) as unknown as Db;
  });
  afterAll(() => client?.close());
  return () => {
    if (!db) throw new Error("No database client");
    return db;
  };
}

export interface NewInvoice {
  business: "pro" | "free";
  number: string;
  values?: Partial<typeof invoices.$inferInsert>;
  items?: { description: string; quantity: number; unitPrice: number }[];
}

/** Inserts an invoice for a demo business, sends it, and returns its id and secret link path. */
export async function createInvoice(
  db: Db,
  spec: NewInvoice,
): Promise<{ invoiceId: string; businessId: string; path: string }> {
  const name = spec.business === "pro" ? "Zoë Müller Plumbing & Heating" : "Greenleaf Landscaping";
  const [business] = await db
    .select({ id: businesses.id })
    .from(businesses)
    .where(eq(businesses.name, name));
  if (!business) throw new Error(`Demo business ${name} is missing`);
  const today = new Date();
  const day = (offset: number) =>
    new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const invoiceId = newId("inv");
  await db.batch([
    db.insert(invoices).values({
      id: invoiceId,
      businessId: business.id,
      number: spec.number,
      issueDate: day(-1),
      dueDate: day(29),
      currency: "USD",
      locale: "en-US",
      ...spec.values,
    }),
    ...(spec.items ?? []).map((item, position) =>
      db.insert(lineItems).values({ id: newId("li"), invoiceId, position, ...item }),
    ),
  ]);
  const sent = await sendInvoice(db, {
    businessId: business.id,
    invoiceId,
    newLink: false,
    signingSecret: stack.signingSecret,
    now: new Date(),
  });
  return { invoiceId, businessId: business.id, path: `/p/${sent.token}` };
}

/** Polls `check` until it returns a value other than undefined, or gives up after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the page should show for a link, built by the same view code the Worker uses. */
export async function expectedView(db: Db, path: string): Promise<InvoiceView> {
  const token = path.split("/")[2] ?? "";
  const resolved = await resolvePortalLink(db, token);
  if (resolved.kind !== "active") throw new Error(`${path} is not an active link`);
  return buildInvoiceView(resolved, new Date());
}

/** Text as a person reads it: every kind of space is a space, runs collapsed. */
export function plain(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/gu, " ").trim();
}

/** The text a person sees in an element (rendered text, so hidden parts are left out). */
export function shown(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is being checked
  return locator.innerText();
}

/** Every matching element's rendered text. */
export function allShown(locator: Locator): Promise<string[]> {
  return locator.allInnerTexts();
}

/** A passkey on the "phone": Chrome's virtual authenticator, always verifying the user. */
export async function addAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/** Interactive elements smaller than 44 px in either direction (radio and check boxes excepted: their label is the target). */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("a, button, select, input, textarea, summary"))
      .filter((el) => {
        const type = el.getAttribute("type");
        if (type === "radio" || type === "checkbox" || type === "hidden") return false;
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.height < 43.5 || box.width < 43.5);
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}"`),
  );
}
