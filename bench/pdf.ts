import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { LogoImage } from "../functions/pdf/logo";
import { nodeFontReader } from "../functions/pdf/node-font-files";
import { renderInvoicePdf } from "../functions/pdf/render-invoice-pdf";
import type { InvoiceView } from "../functions/views/page-model";
import { demoLogoPng } from "../test/fixtures/demo-logo";
import { manyItems, PDF_NOW, pdfView } from "../test/support/pdf-fixtures";

// CPU time to build an invoice PDF, warm (fonts loaded and parsed, code optimised), as the
// Workers CPU limit counts it: the CPU time of the thread that runs the code, median over many
// builds. Process CPU time is reported beside it but not budgeted: it adds V8's helper threads
// (concurrent GC, background compilation), which run beside the isolate and, on a 2-core
// machine, made the same build read anywhere from 1x to 2x the thread's time.
// `npx tsx bench/pdf.ts` prints a table and writes bench/reports/pdf.json; a combined
// benchmark can call `measurePdf()`.

export interface PdfCase {
  name: string;
  /** The bench/budgets.json entry its median CPU is held to (bench/run.ts records it by this name). */
  budget?: string;
  runs: number;
  pages: number;
  bytes: number;
  cpuMs: { median: number; p90: number; min: number };
  /** All threads of the process, for comparison. */
  processCpuMs: { median: number; p90: number };
}

export interface PdfReport {
  benchmark: "pdf";
  node: string;
  at: string;
  cases: PdfCase[];
}

const fonts = nodeFontReader();
const logo: LogoImage = { kind: "png", bytes: new Uint8Array(demoLogoPng("#0e7490")) };

interface Scenario {
  name: string;
  view: InvoiceView;
  logo: LogoImage | null;
  runs: number;
  budget?: string;
}

/**
 * A one-page invoice in Chinese: customer, items and notes, so the PDF loads and subsets
 * glyphs from several Noto Sans SC slices (the figure that matters for CJK invoices).
 */
function chineseInvoice(): InvoiceView {
  return pdfView({
    invoice: {
      locale: "zh-CN",
      currency: "CNY",
      customerName: "上海明辉贸易有限公司 王建国",
      notes: "感谢您的惠顾！请在到期日前付款。如有疑问，请随时与我们联系。",
      terms: "付款期限为开票后三十天内。逾期付款将按月收取百分之一的滞纳金。",
    },
    items: [
      ["厨房水管更换及漏水检修", 1000, 48000],
      ["卫生间热水器安装（含材料）", 1000, 126000],
      ["暖气片清洗与压力测试", 2000, 35000],
      ["上门服务费", 1000, 8000],
      ["管道疏通", 1000, 15000],
    ],
  });
}

function cases(): Scenario[] {
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
    {
      name: "one page, Chinese",
      view: chineseInvoice(),
      logo,
      runs: 100,
      budget: "pdfCjkOnePageCpuMs",
    },
  ];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

interface CpuSample {
  thread: number;
  process: number;
}

const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function cpuMs(build: () => Promise<unknown>): Promise<CpuSample> {
  const thread = process.threadCpuUsage();
  const all = process.cpuUsage();
  await build();
  return { thread: ms(process.threadCpuUsage(thread)), process: ms(process.cpuUsage(all)) };
}

export async function measurePdf(options: { quick?: boolean } = {}): Promise<PdfReport> {
  const results: PdfCase[] = [];
  for (const c of cases()) {
    const runs = options.quick ? Math.max(3, Math.floor(c.runs / 10)) : c.runs;
    const build = () =>
      renderInvoicePdf(c.view, { logo: c.logo, now: PDF_NOW, producer: "Bench", fonts });
    const sample = await build();
    // Warm-up: the JIT, fontkit's glyph caches and the parsed fonts, as in a busy isolate.
    for (let i = 0; i < Math.min(runs, 60); i++) await build();
    const samples: CpuSample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await cpuMs(build));
    const times = samples.map((s) => s.thread).sort((a, b) => a - b);
    const processTimes = samples.map((s) => s.process).sort((a, b) => a - b);
    const pages = (new TextDecoder("latin1").decode(sample).match(/\/Type \/Page\b/g) ?? []).length;
    const round = (n: number) => Math.round(n * 100) / 100;
    results.push({
      name: c.name,
      ...(c.budget ? { budget: c.budget } : {}),
      runs,
      pages,
      bytes: sample.length,
      cpuMs: {
        median: round(percentile(times, 0.5)),
        p90: round(percentile(times, 0.9)),
        min: round(times[0] ?? Number.NaN),
      },
      processCpuMs: {
        median: round(percentile(processTimes, 0.5)),
        p90: round(percentile(processTimes, 0.9)),
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
      "process cpu ms median": c.processCpuMs.median,
    })),
  );
  mkdirSync("bench/reports", { recursive: true });
  writeFileSync("bench/reports/pdf.json", `${JSON.stringify(report, null, 2)}\n`);
  console.log("bench/reports/pdf.json");
  const over = overBudget(report.cases);
  if (over.length) {
    console.error(`Over budget:\n  ${over.join("\n  ")}`);
    process.exitCode = 1;
  }
}

/** Cases that name a budget and are over it (the others are checked by bench/run.ts). */
export function overBudget(results: PdfCase[]): string[] {
  const budgets = JSON.parse(readFileSync("bench/budgets.json", "utf8")) as Record<
    string,
    { max?: number }
  >;
  return results.flatMap((c) => {
    const max = c.budget ? budgets[c.budget]?.max : undefined;
    return max !== undefined && c.cpuMs.median > max
      ? [`${c.budget}: ${c.cpuMs.median} ms > ${max} ms (${c.name})`]
      : [];
  });
}
