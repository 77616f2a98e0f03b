// Page breaking, separate from drawing so it can be tested on numbers alone. The body of the
// invoice is a flow of blocks (table rows, the totals, notes and terms); each page has a fixed
// height for the flow. Rules a reader expects of a printed invoice:
// - a table row moves whole to the next page, and is split between lines only when it is
//   taller than a whole page (a 10,000-character description);
// - every page that continues the table repeats its header row;
// - the totals stay in one piece, together with the last row above them;
// - a heading never ends a page, and a paragraph leaves no single line behind.

export interface FlowBlock {
  /** Number of lines; a block that cannot be split can count as one. */
  lines: number;
  /** Height of lines [from, to), including the block's own padding. */
  height(from: number, to: number): number;
  /** never: whole or not at all; lines: between any lines; oversize: only when taller than a page. */
  split: "never" | "lines" | "oversize";
  /** Part of the table: a page on which it lands first gets the table header above it. */
  inTable?: boolean;
  /** Space that must fit after this block on the same page (the totals after the last row). */
  keepWithNext?: number;
  /** Space above the block, except at the top of a page. */
  gapBefore?: number;
}

export interface Placement {
  block: number;
  from: number;
  to: number;
  /** Top of the block, measured down from the top of the page's flow area. */
  y: number;
  height: number;
}

export interface PageLayout {
  placements: Placement[];
  /** Where this page draws the table header, if the table is on it. */
  tableHeaderY: number | null;
}

export interface FlowGeometry {
  /** Flow height on the first page (below the invoice header) and on the others. */
  firstPage: number;
  otherPages: number;
  tableHeader: number;
}

const MIN_LINES = 2;

export function paginate(blocks: FlowBlock[], geometry: FlowGeometry): PageLayout[] {
  const pages: PageLayout[] = [{ placements: [], tableHeaderY: null }];
  let page = pages[0] as PageLayout;
  let capacity = geometry.firstPage;
  let y = 0;
  const newPage = () => {
    page = { placements: [], tableHeaderY: null };
    pages.push(page);
    capacity = geometry.otherPages;
    y = 0;
  };

  blocks.forEach((block, index) => {
    const lines = Math.max(1, block.lines);
    let from = 0;
    while (from < lines) {
      const empty = page.placements.length === 0 && page.tableHeaderY === null;
      const gap = empty ? 0 : (block.gapBefore ?? 0);
      const header = block.inTable && page.tableHeaderY === null ? geometry.tableHeader : 0;
      const available = capacity - y - gap - header;
      const rest = block.height(from, lines);
      const place = (to: number) => {
        y += gap;
        if (header) {
          page.tableHeaderY = y;
          y += header;
        }
        const height = block.height(from, to);
        page.placements.push({ block: index, from, to, y, height });
        y += height;
        from = to;
      };

      if (rest + (block.keepWithNext ?? 0) <= available || (empty && rest <= available)) {
        place(lines);
        continue;
      }
      const freshPage = geometry.otherPages - (block.inTable ? geometry.tableHeader : 0);
      const splittable =
        block.split === "lines" || (block.split === "oversize" && rest > freshPage);
      if (splittable) {
        const count = linesThatFit(block, from, lines, available);
        if (count > 0) {
          place(from + count);
          newPage();
          continue;
        }
      }
      if (!empty) {
        newPage();
        continue;
      }
      // Too tall for an empty page and cannot be split: draw it anyway rather than loop.
      place(lines);
    }
  });
  return pages;
}

/** How many lines from `from` fit in `space`, leaving no single line alone on either side. */
function linesThatFit(block: FlowBlock, from: number, lines: number, space: number): number {
  const remaining = lines - from;
  let count = 0;
  while (count < remaining && block.height(from, from + count + 1) <= space) count++;
  if (count >= remaining) return remaining;
  const minimum = Math.min(MIN_LINES, remaining);
  if (remaining - count < minimum) count = remaining - minimum;
  return count >= minimum ? count : 0;
}

/** A block of evenly spaced lines with padding above and below. */
export function linesBlock(
  lines: number,
  lineHeight: number,
  padding: number,
  options: Omit<FlowBlock, "lines" | "height">,
): FlowBlock {
  return {
    lines,
    height: (from, to) => (to - from) * lineHeight + 2 * padding,
    ...options,
  };
}
