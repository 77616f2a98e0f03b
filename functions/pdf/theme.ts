import { type RGB, rgb } from "pdf-lib";
import type { InvoiceState } from "../views/page-model";

// Sizes and colours of the PDF, in points (1/72 in). Brand colours come from the view model,
// already validated as #rrggbb; the rest is a quiet neutral palette that prints well in grey.

export const INK = hex("#111827");
export const MUTED = hex("#4b5563");
export const FAINT = hex("#6b7280");
export const RULE = hex("#d1d5db");
export const ZEBRA = hex("#f6f7f9");

export const MARGIN_X = 48;
export const MARGIN_TOP = 40;
/** Space kept free at the bottom of every page for the footer. */
export const MARGIN_BOTTOM = 58;
export const FOOTER_BASELINE = 30;

export const BODY = { size: 9.5, line: 13 };
export const SMALL = { size: 8, line: 11 };
export const TABLE = { size: 9.5, line: 12.5, padding: 6, header: 22 };
export const TOTALS = { row: 17, band: 28, width: 250, gap: 16 };
export const SECTION = { gap: 18, heading: 17 };
/** Height of the slim header on pages after the first. */
export const CONTINUATION_HEADER = 22;

/** Letter where it is the paper people print on; A4 everywhere else. */
const LETTER_REGIONS = new Set(["US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"]);

export function pageSize(locale: string): [width: number, height: number] {
  const region = locale.split(/[-_]/)[1]?.toUpperCase() ?? "";
  return LETTER_REGIONS.has(region) ? [612, 792] : [595.28, 841.89];
}

export function hex(color: string): RGB {
  const value = /^#[0-9a-f]{6}$/i.test(color) ? color : "#111827";
  const channel = (i: number) => Number.parseInt(value.slice(i, i + 2), 16) / 255;
  return rgb(channel(1), channel(3), channel(5));
}

/** The brand colour mixed with white: a tint for light fills behind dark text. */
export function tint(color: string, amount: number): RGB {
  const { red, green, blue } = hex(color);
  const mix = (c: number) => c * amount + (1 - amount);
  return rgb(mix(red), mix(green), mix(blue));
}

/**
 * States that get a stamp across the invoice, with the stamp's colour. The others have none:
 * due, overdue and partly paid still await money, and nothing to pay (a total of 0) marks no
 * event, so its status row says it in words instead of a stamp that could read like PAID.
 */
export const STAMPS: Partial<
  Record<
    InvoiceState,
    { key: "stamp_paid" | "stamp_processing" | "stamp_void" | "stamp_refunded"; color: RGB }
  >
> = {
  paid: { key: "stamp_paid", color: hex("#15803d") },
  processing: { key: "stamp_processing", color: hex("#b45309") },
  void: { key: "stamp_void", color: hex("#b91c1c") },
  refunded: { key: "stamp_refunded", color: hex("#6d28d9") },
};
