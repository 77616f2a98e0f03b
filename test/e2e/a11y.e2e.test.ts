import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { browserSuite, linkFor, openPage, useBrowser, type ViewportName } from "./support";

// An automated accessibility scan (axe-core) of every page a customer can land on. The page's
// CSP allows only its own script, so the scanning context bypasses CSP to inject axe.

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

async function seriousViolations(page: Page): Promise<string[]> {
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

const PAGES: { name: string; path: () => string; viewports: ViewportName[] }[] = [
  { name: "invoice ZM-1042", path: () => linkFor("ZM-1042"), viewports: ["phone", "desktop"] },
  { name: "paid invoice ZM-1044", path: () => linkFor("ZM-1044"), viewports: ["phone"] },
  { name: "Spanish invoice ZM-1045", path: () => linkFor("ZM-1045"), viewports: ["phone"] },
  {
    name: "Arabic invoice ZM-1046 (right to left)",
    path: () => linkFor("ZM-1046"),
    viewports: ["small-phone", "desktop"],
  },
  { name: "free-plan invoice GL-2001", path: () => linkFor("GL-2001"), viewports: ["phone"] },
  { name: "void invoice GL-2003", path: () => linkFor("GL-2003"), viewports: ["phone"] },
  { name: "revoked link", path: () => linkFor("GL-2002"), viewports: ["phone", "desktop"] },
  { name: "404 page", path: () => "/p/AAAAAAAAAAAAAAAAAAAAAA", viewports: ["phone", "desktop"] },
];

browserSuite("accessibility (axe-core)", () => {
  const browser = useBrowser();

  for (const target of PAGES) {
    it(`${target.name} has no serious or critical violations`, async () => {
      for (const viewport of target.viewports) {
        const { context, page } = await openPage(browser(), target.path(), viewport, {
          bypassCSP: true,
        });
        try {
          expect(await seriousViolations(page), `${target.name} at ${viewport}`).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });
  }
});
