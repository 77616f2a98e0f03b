import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

// What the Worker's upload is made of: each module of the build (dist/server, the files
// `wrangler deploy` uploads; source maps are uploaded beside them but do not count), gzipped
// alone, and the code of each npm package or app folder across all modules, found through the
// source maps and gzipped together. Gzipping parts separately sums to a little more than the
// upload, which wrangler gzips as one stream; the parts compare, the total is wrangler's.
// `npx tsx bench/upload-breakdown.ts [dist/server]` prints both; bench/run.ts records them.

export interface UploadBreakdown {
  modules: { module: string; kib: number; gzipKiB: number }[];
  packages: { origin: string; kib: number; gzipKiB: number }[];
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function uploadBreakdown(serverDir: string): UploadBreakdown {
  const files = walk(serverDir).filter((file) => /\.m?js$/.test(file));
  const modules = files.map((file) => {
    const code = readFileSync(file);
    return {
      module: relative(serverDir, file),
      kib: kib(code.length),
      gzipKiB: kib(gzipSync(code).length),
    };
  });
  const byOrigin = new Map<string, string[]>();
  for (const file of files) {
    for (const [origin, text] of slicesByOrigin(file)) {
      byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), text]);
    }
  }
  const packages = [...byOrigin].map(([origin, texts]) => {
    const text = texts.join("");
    return { origin, kib: kib(text.length), gzipKiB: kib(gzipSync(text).length) };
  });
  return {
    modules: modules.sort((a, b) => b.gzipKiB - a.gzipKiB),
    packages: packages.sort((a, b) => b.gzipKiB - a.gzipKiB),
  };
}

/** A source path as the package it belongs to, or the app folder (functions/pdf, src/pages). */
export function originOf(source: string | undefined): string {
  if (!source) return "(no source)";
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inPackage?.[1]) return inPackage[1];
  const inApp = /(?:^|\/)((?:functions|src)\/[^/]+|db)\//.exec(source);
  return inApp?.[1] ? `app: ${inApp[1]}` : "(other)";
}

/** The module's code cut at each source-map segment, grouped by where the segment came from. */
function slicesByOrigin(file: string): Map<string, string> {
  const code = readFileSync(file, "utf8");
  const slices = new Map<string, string>();
  const add = (origin: string, text: string) =>
    slices.set(origin, (slices.get(origin) ?? "") + text);
  const mapFile = `${file}.map`;
  if (!existsSync(mapFile)) {
    add("(no source map)", code);
    return slices;
  }
  const map = JSON.parse(readFileSync(mapFile, "utf8")) as { sources: string[]; mappings: string };
  const lines = code.split("\n");
  let lineStart = 0;
  let cut = 0;
  let origin = "(no source)";
  let source = 0;
  map.mappings.split(";").forEach((segments, line) => {
    let column = 0;
    for (const segment of segments ? segments.split(",") : []) {
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      const at = lineStart + column;
      if (at > cut) add(origin, code.slice(cut, at));
      cut = Math.max(cut, at);
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        origin = originOf(map.sources[source]);
      } else origin = "(no source)";
    }
    lineStart += (lines[line]?.length ?? 0) + 1;
  });
  add(origin, code.slice(cut));
  return slices;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** One source-map segment: its base64 VLQ fields as relative numbers. */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { modules, packages } = uploadBreakdown(process.argv[2] ?? "dist/server");
  const table = (rows: { name: string; kib: number; gzipKiB: number }[]) => {
    for (const row of rows) {
      console.log(
        `${row.gzipKiB.toFixed(1).padStart(7)} KiB gzip ${row.kib.toFixed(1).padStart(8)} KiB  ${row.name}`,
      );
    }
  };
  console.log("modules, each gzipped alone:");
  table(modules.map((m) => ({ ...m, name: m.module })));
  console.log("\npackages and app folders, gzipped together across modules:");
  table(packages.map((p) => ({ ...p, name: p.origin })));
}
