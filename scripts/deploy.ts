import { spawnSync } from "node:child_process";

// `npm run deploy`: builds the Worker for wrangler.jsonc's production environment and deploys
// it. The environment is chosen when building (the build writes the deploy config wrangler
// uses), so it is given to the build, not to `wrangler deploy`. Other arguments go to wrangler:
// `npm run deploy -- --dry-run` builds and checks everything without uploading.
// CLOUDFLARE_ENV picks another environment defined in wrangler.jsonc.

const environment = process.env.CLOUDFLARE_ENV || "production";
const env = { ...process.env, CLOUDFLARE_ENV: environment, ASTRO_TELEMETRY_DISABLED: "1" };

function step(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

console.log(`Building the Worker for the "${environment}" environment…`);
// `npm run build`: the PDF fonts as static assets, then the Worker.
step("npm", ["run", "build"]);
step("npx", ["wrangler", "deploy", ...process.argv.slice(2)]);
