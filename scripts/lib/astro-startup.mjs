import { sourceEdits } from "./source-edits.mjs";

// Work Astro's server runtime does when its modules load made up about half of the Worker's
// start-up CPU (wrangler check startup, profiled): ICU data for a clock and a route sort, and zod
// schemas for astro.config, none of which a request in this portal uses. Each edit below replaces an exact piece of Astro's code; if
// an upgrade changes that code the build warns, and the benchmark's start-up budget shows it.
//
// (A third, the colour check of Astro's terminal colours reading process.stdout, is avoided by
// the NO_COLOR variable in wrangler.jsonc, without touching any code.)

const edits = [
  {
    // The logger stamps the time on dev-server messages with a DateTimeFormat built at load,
    // which loads locale and time-zone data. Built on first use instead.
    file: "/astro/dist/core/logger/core.js",
    find: `const dateTimeFormat = new Intl.DateTimeFormat([], {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false
});`,
    replace: `let builtDateTimeFormat;
const dateTimeFormat = {
  format: (date) =>
    (builtDateTimeFormat ??= new Intl.DateTimeFormat([], {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hour12: false
    })).format(date)
};`,
  },
  {
    // Sorting the route table (built at load) with localeCompare creates an ICU collator. Route
    // patterns are ASCII and two different static segments never match the same path, so the
    // order of code units decides exactly as well.
    file: "/astro/dist/core/routing/priority.js",
    find: "return aContent.localeCompare(bContent);",
    replace: "return aContent < bContent ? -1 : 1;",
  },
  {
    file: "/astro/dist/core/routing/priority.js",
    find: "return a.route.localeCompare(b.route);",
    replace: "return a.route < b.route ? -1 : a.route > b.route ? 1 : 0;",
  },
  {
    // The encryption helpers take one constant from the CSP configuration module, whose zod
    // schemas for astro.config (built when it loads) then came along: the only reason zod was
    // still evaluated when the Worker starts. The constant, as that module defines it.
    file: "/astro/dist/core/encryption.js",
    find: 'import { ALGORITHMS } from "./csp/config.js";',
    replace:
      'const ALGORITHMS = { "SHA-256": "sha256-", "SHA-384": "sha384-", "SHA-512": "sha512-" };',
  },
];

/** A Vite plugin applying the edits to Astro's modules as they are bundled. */
export function lightenAstroStartup() {
  return sourceEdits(
    "lighten-astro-startup",
    edits,
    (edit) => `Astro's ${edit.file} changed; its start-up work is back: ${edit.find}`,
  );
}
