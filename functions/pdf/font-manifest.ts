// The shape of public/_fonts/manifest.json, written by scripts/build-pdf-fonts.ts: the font
// families in fallback order, each split into slices that cover given code point ranges (in a
// file of its own per family, as CJK families list thousands of ranges). The PDF reads them to
// know which few font files a document's text needs.

export type Weight = "regular" | "bold";

/** Where the font files live among the static assets (and so their URL path). */
export const FONT_DIR = "_fonts";

export interface ManifestSlice {
  name: string;
  /** File names in FONT_DIR, per weight (TrueType). */
  files: Record<Weight, string>;
  /** The code points the slice is meant for, as a CSS unicode-range ("U+0600-06FF,U+200C"). */
  ranges: string;
}

export interface ManifestFamily {
  /** "noto-sans-arabic" */
  name: string;
  version: string;
  /** Its licence file in FONT_DIR. */
  license: string;
  /** Locales ("ja", "zh-TW") that put this family first among those sharing characters. */
  prefer: string[];
  /** File in FONT_DIR holding the family's FamilySlices. */
  slices: string;
}

export interface FamilySlices {
  slices: ManifestSlice[];
}

export interface FontManifest {
  families: ManifestFamily[];
}
