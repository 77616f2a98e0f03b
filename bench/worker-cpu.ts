import type { Stack } from "../test/e2e/stack";
import { findWorkerProcess, measureCpu } from "./isolate-cpu";

// CPU the Worker spends per request inside workerd: a portal view, and an invoice PDF both in
// an isolate that has not built one yet (its chunk with pdf-lib, fontkit and the fonts is
// loaded and evaluated then) and warm.

export interface WorkerCpu {
  /** Thread CPU per portal view, minus that of a static file through the same local server. */
  viewMs: number;
  viewRawMs: number;
  staticMs: number;
  views: number;
  /** The first PDF in this isolate: loading the PDF chunk, parsing fonts, rendering. */
  firstPdf: { threadMs: number; wallMs: number };
  /** Later PDFs of the same invoice: median thread CPU. */
  warmPdfMs: number;
  warmPdfWallMs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Must run before anything else asks this Worker for a PDF. */
export async function measureWorkerCpu(stack: Stack, viewPath: string): Promise<WorkerCpu> {
  const pid = findWorkerProcess(stack.processGroup, Number(new URL(stack.baseUrl).port));
  const get = async (path: string) => {
    const response = await fetch(`${stack.baseUrl}${path}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  };
  const pdfPath = `${viewPath}/pdf`;
  const first = await measureCpu(pid, () => get(pdfPath));
  const warm: { threadMs: number; wallMs: number }[] = [];
  for (let i = 0; i < 15; i++) warm.push(await measureCpu(pid, () => get(pdfPath)));

  const views = 200;
  // Warm the view path first (JIT, connection to the database).
  for (let i = 0; i < 20; i++) await get(viewPath);
  const many = (path: string) => async () => {
    for (let i = 0; i < views; i++) await get(path);
  };
  const view = await measureCpu(pid, many(viewPath));
  const stat = await measureCpu(pid, many("/robots.txt"));
  return {
    viewMs: (view.threadMs - stat.threadMs) / views,
    viewRawMs: view.threadMs / views,
    staticMs: stat.threadMs / views,
    views,
    firstPdf: { threadMs: first.threadMs, wallMs: first.wallMs },
    warmPdfMs: median(warm.map((w) => w.threadMs)),
    warmPdfWallMs: median(warm.map((w) => w.wallMs)),
  };
}
