import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AssetsBinding, FontReader } from "./font-files";
import { FONT_DIR } from "./font-manifest";

// The PDF's font files read from disk, for code that renders PDFs in Node (tests, the
// benchmark, scripts): the same files the Worker reads through its assets binding, from
// public/_fonts where scripts/build-pdf-fonts.ts writes them. Never imported by the Worker.

const FONTS = join(import.meta.dirname, "..", "..", "public", FONT_DIR);

export function nodeFontReader(dir = FONTS): FontReader {
  return async (file) => {
    try {
      return new Uint8Array(await readFile(join(dir, file.replace(/[/\\]/g, ""))));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new Error(`font file ${file} is missing: run \`npx tsx scripts/build-pdf-fonts.ts\``);
      }
      throw error;
    }
  };
}

/** A stand-in for the Worker's `ASSETS` binding that serves the font files from disk. */
export function nodeFontAssets(dir = FONTS): AssetsBinding {
  const read = nodeFontReader(dir);
  return {
    async fetch(input) {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const prefix = `/${FONT_DIR}/`;
      if (!url.pathname.startsWith(prefix)) return new Response("Not found", { status: 404 });
      try {
        const bytes = await read(decodeURIComponent(url.pathname.slice(prefix.length)));
        return new Response(bytes as Uint8Array<ArrayBuffer>);
      } catch {
        return new Response("Not found", { status: 404 });
      }
    },
  };
}
