import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

// The axe-core scan shared by the browser tests. Pages allow only their own scripts (CSP), so
// the scanning context bypasses CSP to inject axe.

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<unknown> } }).axe;
    const result = (await axe.run(document)) as { violations: unknown[]; passes: unknown[] };
    return { violations: result.violations, passes: result.passes.length };
  });
  // A scan that checked nothing would pass silently.
  expect(violations.passes).toBeGreaterThan(10);
  const minor = (violations.violations as Violation[]).filter(
    (v) => v.impact !== "serious" && v.impact !== "critical",
  );
  if (minor.length) {
    console.warn(`axe (minor/moderate) on ${page.url()}: ${minor.map((v) => v.id).join(", ")}`);
  }
  return (violations.violations as Violation[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(" ")} (${n.failureSummary?.replace(/\s+/g, " ") ?? ""})`)
          .join("; ")}`,
    );
}
