// Code point ranges as CSS writes them in `unicode-range` ("U+0600-06FF,U+200C"), which is how
// the font slices declare what they cover (public/_fonts/manifest.json), and a lookup from a
// code point to the slice that covers it.

/** "U+0600-06FF,U+200C" → [[0x600, 0x6ff], [0x200c, 0x200c]]; throws on anything else. */
export function parseUnicodeRange(css: string): [number, number][] {
  return css.split(",").map((part) => {
    const match = /^\s*U\+([0-9a-f]{1,6})(?:-([0-9a-f]{1,6}))?\s*$/i.exec(part);
    const start = Number.parseInt(match?.[1] ?? "", 16);
    const end = match?.[2] === undefined ? start : Number.parseInt(match[2], 16);
    if (!match || end < start) throw new Error(`not a unicode-range: ${part}`);
    return [start, end];
  });
}

/** Which of several sets of ranges (slices of one font family) holds a code point. */
export class RangeIndex {
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly owners: Uint16Array;

  /** `sets[i]` are the ranges of slice i; a code point in several goes to the first. */
  constructor(sets: [number, number][][]) {
    const all = sets
      .flatMap((ranges, owner) => ranges.map(([start, end]) => ({ start, end, owner })))
      .sort((a, b) => a.start - b.start || a.owner - b.owner);
    this.starts = Uint32Array.from(all, (r) => r.start);
    this.ends = Uint32Array.from(all, (r) => r.end);
    this.owners = Uint16Array.from(all, (r) => r.owner);
  }

  /** The slice holding `codePoint`, or -1. */
  find(codePoint: number): number {
    // The last range starting at or before the code point, then walk back over any earlier
    // (overlapping) ranges that also reach it; slices within a family barely overlap.
    let low = 0;
    let high = this.starts.length - 1;
    let at = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((this.starts[mid] ?? 0) <= codePoint) {
        at = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    let found = -1;
    for (let i = at; i >= 0 && i > at - 8; i--) {
      if ((this.ends[i] ?? 0) >= codePoint) {
        const owner = this.owners[i] ?? -1;
        if (found === -1 || owner < found) found = owner;
      }
    }
    return found;
  }
}
