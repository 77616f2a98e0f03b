import { mkdirSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { demoLogoPng } from "../db/demo-logo";
import type { LogoImage } from "../functions/pdf/logo";
import { renderInvoicePdf } from "../functions/pdf/render-invoice-pdf";
import type { InvoiceView } from "../functions/portal/page-model";
import { manyItems, PDF_NOW, pdfView } from "../test/support/pdf-fixtures";

// CPU time to build an invoice PDF, warm (fonts loaded and parsed, code optimised), as the
// Workers CPU limit counts it: process CPU time around one build, median over many builds.
// `npx tsx bench/pdf.ts` prints a table and writes bench/reports/pdf.json; a combined
// benchmark can call `measurePdf()`.

export interface PdfCase {
  name: string;
  runs: number;
  pages: number;
  bytes: number;
  cpuMs: { median: number; p90: number; min: number };
}

export interface PdfReport {
  benchmark: "pdf";
  node: string;
  at: string;
  cases: PdfCase[];
}

const logo: LogoImage = { kind: "png", bytes: new Uint8Array(demoLogoPng("#0e7490")) };

function cases(): { name: string; view: InvoiceView; logo: LogoImage | null; runs: number }[] {
  const onePage = pdfView({
    invoice: {
      taxRate: 8_875,
      taxLabel: "Sales tax",
      notes: "Thank you for choosing us!",
      terms: "Payment due within 30 days.",
    },
    items: manyItems(5),
  });
  return [
    { name: "one page, 5 items, logo", view: onePage, logo, runs: 200 },
    {
      name: "one page, Greek + Cyrillic",
      view: { ...onePage, customer: { ...onePage.customer, name: "Ελλάδα Москва" } },
      logo,
      runs: 200,
    },
    { name: "500 items", view: pdfView({ items: manyItems(500) }), logo, runs: 15 },
  ];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

async function cpuMs(build: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await build();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export async function measurePdf(options: { quick?: boolean } = {}): Promise<PdfReport> {
  const results: PdfCase[] = [];
  for (const c of cases()) {
    const runs = options.quick ? Math.max(3, Math.floor(c.runs / 10)) : c.runs;
    const build = () => renderInvoicePdf(c.view, { logo: c.logo, now: PDF_NOW, producer: "Bench" });
    const sample = await build();
    // Warm-up: the JIT, fontkit's glyph caches and the parsed fonts, as in a busy isolate.
    for (let i = 0; i < Math.min(runs, 60); i++) await build();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await cpuMs(build));
    times.sort((a, b) => a - b);
    const pages = (new TextDecoder("latin1").decode(sample).match(/\/Type \/Page\b/g) ?? []).length;
    const round = (n: number) => Math.round(n * 100) / 100;
    results.push({
      name: c.name,
      runs,
      pages,
      bytes: sample.length,
      cpuMs: {
        median: round(percentile(times, 0.5)),
        p90: round(percentile(times, 0.9)),
        min: round(times[0] ?? Number.NaN),
      },
    });
  }
  return { benchmark: "pdf", node: process.version, at: new Date().toISOString(), cases: results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const report = await measurePdf({ quick: process.argv.includes("--quick") });
  console.table(
    report.cases.map((c) => ({
      case: c.name,
      pages: c.pages,
      "size KB": Math.round(c.bytes / 102.4) / 10,
      runs: c.runs,
      "cpu ms median": c.cpuMs.median,
      "cpu ms p90": c.cpuMs.p90,
    })),
  );
  mkdirSync("bench/reports", { recursive: true });
  writeFileSync("bench/reports/pdf.json", `${JSON.stringify(report, null, 2)}\n`);
  console.log("bench/reports/pdf.json");
}
