import { sourceEdits } from "./source-edits.mjs";

// Work Astro's server runtime (and two libraries bundled with it) does when its modules load
// made up most of the Worker's start-up CPU (wrangler check startup, profiled): ICU data for a
// clock and a route sort, zod schemas for astro.config, and reading the global `process`, none
// of which a request in this portal uses. Each edit below replaces an exact piece of code; if an
// upgrade changes that code the build warns, and the benchmark's start-up budget shows it.

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
  {
    // The key that encrypts server islands' props is imported into WebCrypto when the manifest
    // loads. This portal has no server islands; the key is awaited wherever it is used, so a
    // thenable that imports it on the first await keeps the same contract.
    file: "/astro/dist/core/app/manifest.js",
    find: "const key = decodeKey(serializedManifest.key);",
    replace:
      "let decodedKey;\n  const key = { then: (ok, fail) => (decodedKey ??= decodeKey(serializedManifest.key)).then(ok, fail) };",
  },
  {
    // The adapter's handler imports its prerendering helpers, and through them the image
    // transform of the prerender worker, which imports all of astro:assets (the Image, Picture
    // and Font components, the image service, a MIME table): about 45 KB evaluated when the
    // Worker starts, for requests the deployed Worker never serves. Imported on first use.
    file: "/@astrojs/cloudflare/dist/utils/prerender.js",
    find: `import {
  transform as transformWithImagesBinding,
  transformStream as transformStreamWithImagesBinding
} from "./image-binding-transform.js";`,
    replace: `const transformWithImagesBinding = async (...args) =>
  (await import("./image-binding-transform.js")).transform(...args);
const transformStreamWithImagesBinding = async (...args) =>
  (await import("./image-binding-transform.js")).transformStream(...args);`,
  },
  // Reading the global `process` at all is the largest single cost left: under nodejs_compat it
  // is a getter that loads workerd's Node.js process module on first use, with its event
  // emitter, stdio streams and zlib constants (about half of the start-up profile). Astro and
  // two libraries bundled with it read it when they load, each only to learn where it runs; the
  // Worker runs in workerd, which each can tell without it. (The adapter's banner that also
  // read it is replaced in astro.config.mjs.)
  {
    // Astro's runtime check, used to render streamed pages as an async iterable in Node and in
    // workerd with nodejs_compat (the Worker's case, unchanged).
    file: "/astro/dist/runtime/server/render/util.js",
    find: 'const isNode = typeof process !== "undefined" && Object.prototype.toString.call(process) === "[object process]";',
    replace:
      'const isNode = (typeof navigator !== "undefined" && navigator.userAgent === "Cloudflare-Workers") || (typeof process !== "undefined" && Object.prototype.toString.call(process) === "[object process]");',
  },
  {
    // devalue decodes base64 with Node's Buffer only where Uint8Array.fromBase64 is missing;
    // workerd has it, so the check for Node is not needed there.
    file: "/devalue/src/base64.js",
    find: "const buffer = typeof process === 'object' && process.versions?.node !== undefined;",
    replace:
      "const buffer = !native && typeof process === 'object' && process.versions?.node !== undefined;",
  },
  {
    // Terminal colours for Astro's logger: none in a Worker, whose logs are plain text.
    file: "/piccolore/dist/index.js",
    find: "let e=globalThis.process||{}",
    replace:
      'let e=(typeof navigator<"u"&&navigator.userAgent==="Cloudflare-Workers"?void 0:globalThis.process)||{}',
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
