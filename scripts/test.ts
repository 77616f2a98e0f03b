import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// `npm test`: typecheck, lint, then every vitest project (Node, workerd, browser). Ends with one
// plain line, "N passed, N failed", and a non-zero exit code when anything failed.

interface Step {
  name: string;
  command: string[];
}

const DEPENDENCY_ROOTS = ["functions", "db", "src", "tools"];

const steps: Step[] = [
  { name: "typecheck", command: ["tsc", "--noEmit", "-p", "tsconfig.json"] },
  // tsc cannot read .astro files; astro check types the templates against the page model.
  { name: "typecheck (astro)", command: ["astro", "check", "--minimumSeverity", "warning"] },
  { name: "lint", command: ["biome", "check", "."] },
  // The direction of imports (.dependency-cruiser.cjs): a wrong-way import fails like a type error.
  {
    name: "dependency rules",
    command: ["depcruise", "--config", ".dependency-cruiser.cjs", ...DEPENDENCY_ROOTS],
  },
  // worker-configuration.d.ts is generated from wrangler.jsonc by `npm run types` (same flags):
  // a binding added to the config without regenerating fails here.
  { name: "binding types", command: ["wrangler", "types", "--strict-vars=false", "--check"] },
];
const extra = process.argv.slice(2);

let passed = 0;
let failed = 0;
const failures: string[] = [];

for (const step of steps) {
  console.log(`\n▶ ${step.name}: ${step.command.join(" ")}`);
  const result = spawnSync("npx", step.command, { stdio: "inherit" });
  if (result.status === 0) passed++;
  else {
    failed++;
    failures.push(step.name);
  }
}

const reportDir = mkdtempSync(join(tmpdir(), "vitest-report-"));
const reportFile = join(reportDir, "report.json");
console.log("\n▶ vitest: node, workerd and browser projects");
const vitest = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${reportFile}`,
    ...extra,
  ],
  { stdio: "inherit", env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } },
);
try {
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
    testResults: { status: string; name: string; message?: string }[];
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load runs no tests but is still a failure.
  for (const file of report.testResults) {
    if (file.status === "failed" && file.message) {
      failed++;
      failures.push(`${file.name}: ${file.message.split("\n")[0]}`);
    }
  }
  if (report.numFailedTests) failures.push(`${report.numFailedTests} vitest test(s)`);
  if (report.numTotalTests === 0) {
    failed++;
    failures.push("vitest ran no tests");
  }
} catch {
  failed++;
  failures.push(`vitest produced no report (exit code ${vitest.status})`);
}
if (vitest.status !== 0 && !failures.some((f) => f.includes("vitest"))) {
  failed++;
  failures.push(`vitest exited with code ${vitest.status}`);
}
rmSync(reportDir, { recursive: true, force: true });

if (failures.length) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
