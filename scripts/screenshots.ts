import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DESKTOP, IPHONE_UA, launchChromium, PHONE } from "../test/support/browser";
import { buildWorker, freePort, startDatabase, startWorker } from "./lib/local-stack";

// `npm run screenshots`: builds the Worker, serves fresh demo data, and saves a phone-width and
// a desktop screenshot of every demo invoice in test-artifacts/screenshots/.

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
} finally {
  await browser.close();
  await worker.stop();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
