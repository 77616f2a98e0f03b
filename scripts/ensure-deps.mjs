// Runs before `npm start` and `npm test` with whatever Node is on the machine (it may be older
// than the project's): installs dependencies with `npm ci` when node_modules is missing or older
// than package-lock.json, so a fresh clone needs no separate install step, and builds the
// PDF's font files.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const marker = "node_modules/.package-lock.json";
const stale =
  !existsSync(marker) || statSync("package-lock.json").mtimeMs > statSync(marker).mtimeMs + 1000;

if (stale) {
  console.log("Installing dependencies (npm ci)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The PDF's font files (public/_fonts) are generated from the installed font packages, not
// committed: build them when missing or older than the packages.
const fonts = spawnSync("npx", ["tsx", "scripts/build-pdf-fonts.ts", "--if-stale"], {
  stdio: "inherit",
});
if (fonts.status !== 0) process.exit(fonts.status ?? 1);
