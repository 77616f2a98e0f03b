import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadLogo } from "../functions/pdf/logo";
import { nodeFontReader } from "../functions/pdf/node-font-files";
import { renderInvoicePdf } from "../functions/pdf/render-invoice-pdf";
import { resolvePdfLink } from "../functions/pdf/resolve-pdf-link";
import { buildInvoiceView } from "../functions/views/invoice-view";
import { seedDemo } from "../test/fixtures/demo-data";
import { HOSTILE, manyItems, storePdfInvoice } from "../test/support/pdf-fixtures";
import { makeTestDb } from "../test/support/test-db";

// `npm run pdf:preview`: seeds a throwaway database with the demo invoices (plus a 500-item
// one and one full of hostile text), builds each PDF exactly as the route does, and writes
// test-artifacts/pdf/<number>.pdf with a PNG of every page beside it (poppler's pdftoppm).

const OUT = "test-artifacts/pdf";
const SECRET = "pdf-preview-signing-secret-0123456789abcdef";
const now = new Date();

function ensurePdftoppm(): boolean {
  if (spawnSync("pdftoppm", ["-v"]).status === 0) return true;
  if (process.getuid?.() === 0) {
    console.log("Installing poppler-utils (pdftoppm)…");
    const apt = (args: string[]) => spawnSync("apt-get", args, { stdio: "inherit" }).status === 0;
    if (apt(["update"]) && apt(["install", "-y", "poppler-utils"])) return true;
  }
  console.warn("pdftoppm not found: install poppler-utils to get PNG previews. PDFs are written.");
  return false;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const canRasterize = ensurePdftoppm();
const database = await makeTestDb();
try {
  const links = await seedDemo(database.db, SECRET, now);
  const extra = [
    await storePdfInvoice(
      database.db,
      { invoice: { number: "BIG-500", notes: "500 items." }, items: manyItems(500) },
      SECRET,
      now,
    ),
    await storePdfInvoice(
      database.db,
      {
        business: { name: HOSTILE.name },
        invoice: { number: "HOSTILE-1", notes: HOSTILE.notes, customerName: "Ivan \u202eΠετρόφ" },
        items: [[HOSTILE.description, 1000, 100]],
      },
      SECRET,
      now,
    ),
  ];
  const tokens = [...links.filter((l) => !l.revoked), ...extra].map((l) => l.token);
  for (const token of tokens) {
    const resolved = await resolvePdfLink(database.db, token);
    if (resolved.kind !== "active") continue;
    const view = buildInvoiceView(resolved, now);
    const logo = loadLogo(view.business.logoUrl, resolved.logo);
    const started = performance.now();
    const bytes = await renderInvoicePdf(view, {
      logo,
      now,
      producer: "Invoice Portal",
      fonts: nodeFontReader(),
    });
    const ms = (performance.now() - started).toFixed(1);
    const file = join(OUT, `${view.number.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`);
    writeFileSync(file, bytes);
    if (canRasterize)
      execFileSync("pdftoppm", ["-png", "-r", "80", file, file.replace(/\.pdf$/, "")]);
    console.log(`${file}  ${(bytes.length / 1024).toFixed(1)} KB  ${ms} ms`);
  }
} finally {
  await database.close();
}
