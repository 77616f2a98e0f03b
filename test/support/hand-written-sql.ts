import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

// Writes are built with drizzle's query builder, so that a renamed or retyped column fails the
// typecheck instead of a request. This finds INSERT, UPDATE and DELETE statements written out as
// text, which would escape that check.

/** Statement openings, across line breaks and in any case; an UPDATE is known by its SET. */
const STATEMENT =
  /\b(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update\s+(?:or\s+\w+\s+)?["`'[\]\w.]+\s+set|delete\s+from)\b/gi;

const SOURCE = /\.(?:[cm]?[jt]s|tsx|astro|sql)$/;

export interface Finding {
  /** Path from the scanned root, with forward slashes. */
  file: string;
  line: number;
  statement: string;
}

/** The hand-written statements in one file's text; prose in comments does not count. */
export function findStatements(text: string): { line: number; statement: string }[] {
  const found: { line: number; statement: string }[] = [];
  for (const match of text.matchAll(STATEMENT)) {
    const start = text.lastIndexOf("\n", match.index) + 1;
    const before = text.slice(start, match.index);
    const trimmed = before.trimStart();
    if (before.includes("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) continue;
    found.push({
      line: text.slice(0, match.index).split("\n").length,
      statement: match[0].replace(/\s+/g, " "),
    });
  }
  return found;
}

/** Every hand-written statement in the source files under `dirs`, except under `exempt`. */
export async function scanForStatements(
  root: string,
  dirs: string[],
  exempt: string[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const visit = async (dir: string): Promise<void> => {
    const path = relative(root, dir).split(sep).join("/");
    if (exempt.some((skip) => path === skip || path.startsWith(`${skip}/`))) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") await visit(full);
      } else if (SOURCE.test(entry.name)) {
        const file = relative(root, full).split(sep).join("/");
        for (const hit of findStatements(await readFile(full, "utf8"))) {
          findings.push({ file, ...hit });
        }
      }
    }
  };
  for (const dir of dirs) await visit(join(root, dir));
  return findings;
}
