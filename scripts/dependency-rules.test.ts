import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cruise, type IConfiguration, type ICruiseResult } from "dependency-cruiser";
import { afterEach, describe, expect, it } from "vitest";

// The rules `npm test` enforces with depcruise, tried on small trees of their own: a wrong-way
// import must be reported under the rule that forbids it, and a right-way one must pass.

const config = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as IConfiguration;

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Writes `from` importing `to` (both repo-relative .ts paths) and returns the rules broken. */
async function brokenRules(from: string, to: string): Promise<string[]> {
  root = mkdtempSync(join(tmpdir(), "dependency-rules-"));
  const specifier = relativeSpecifier(from, to);
  write(root, to, "export const value = 1;\n");
  write(root, from, `import { value } from "${specifier}";\nexport const uses = value;\n`);
  const result = await cruise([from.split("/")[0] ?? "", to.split("/")[0] ?? ""], {
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden ?? [] },
    tsPreCompilationDeps: true,
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => v.rule.name);
}

function write(base: string, path: string, text: string) {
  mkdirSync(dirname(join(base, path)), { recursive: true });
  writeFileSync(join(base, path), text);
}

function relativeSpecifier(from: string, to: string): string {
  const up = from.split("/").length - 1;
  return `${"../".repeat(up)}${to.replace(/\.ts$/, "")}`;
}

describe("the direction of imports", () => {
  it.each([
    ["functions/domain/ledger.ts", "functions/payments/start-checkout.ts", "domain-is-pure"],
    ["functions/domain/ledger.ts", "db/client.ts", "domain-is-pure"],
    ["functions/views/invoice-view.ts", "functions/links/resolve.ts", "views-are-pure"],
    ["functions/payments/payable.ts", "functions/portal/record-view.ts", "feature-payments"],
    ["functions/links/resolve.ts", "functions/payments/payable.ts", "feature-links"],
    ["functions/invoices/void.ts", "functions/portal/record-view.ts", "feature-invoices"],
    [
      "functions/http/services.ts",
      "functions/payments/stripe.ts",
      "infrastructure-imports-no-features",
    ],
    [
      "functions/http/app-env.ts",
      "functions/routes/portal.ts",
      "infrastructure-imports-no-features",
    ],
    ["functions/invoices/void.ts", "functions/routes/api/auth.ts", "verbs-not-up"],
    ["functions/invoices/void.ts", "functions/http/app-env.ts", "verbs-not-up"],
    ["db/seed.ts", "functions/invoices/create-invoice.ts", "db-imports-no-app"],
    ["db/client.ts", "functions/env.ts", "db-imports-no-app"],
    ["functions/pdf/render.ts", "test/support/factories.ts", "app-stands-alone"],
    ["tools/libsql-server/index.ts", "db/schema.ts", "tools-stand-alone"],
  ])("%s importing %s breaks %s", async (from, to, rule) => {
    expect(await brokenRules(from, to)).toContain(rule);
  });

  it.each([
    ["functions/routes/portal.ts", "functions/portal/show-invoice-page.ts"],
    ["functions/portal/show-invoice-page.ts", "functions/payments/payable.ts"],
    ["functions/invoices/void.ts", "functions/payments/end-session.ts"],
    ["functions/invoices/void.ts", "functions/http/errors.ts"],
    ["functions/payments/payable.ts", "functions/views/invoice-view.ts"],
    ["functions/views/invoice-view.ts", "functions/domain/totals.ts"],
    ["functions/http/app-env.ts", "functions/views/page-model.ts"],
    ["functions/payments/start-checkout.ts", "db/client.ts"],
    ["functions/domain/preview.test.ts", "test/support/factories.ts"],
  ])("%s may import %s", async (from, to) => {
    expect(await brokenRules(from, to)).toEqual([]);
  });
});
