import { sourceEdits } from "./source-edits.mjs";

// pdf-lib and fontkit bring data this Worker never reads, and it made up about half of the
// Worker's upload (gzipped; docs/decisions/0004-worker-upload-size.md):
//
// - the metrics of the 14 standard PDF fonts (Helvetica, Times, ...) and their encodings. Every
//   invoice embeds its own Noto Sans faces (functions/pdf/font-set.ts) and writes text operators
//   itself (functions/pdf/typesetter.ts), so no standard font is ever embedded;
// - the legacy code-page tables of iconv-lite (Shift JIS, GBK, Big5, EUC-KR, Mac and Windows
//   code pages), which fontkit needs only for fonts whose names or character maps are not in
//   Unicode. The Noto Sans files built by scripts/build-pdf-fonts.ts are Unicode-only
//   (functions/pdf/font-encodings.test.ts checks every one);
// - the Brotli decoder and its dictionary, used only to open WOFF2 files. The fonts are TrueType.
//
// Each edit replaces an exact piece of a library's code at build time; tree-shaking then drops
// the data. If an upgrade changes that code the build warns, and the benchmark's upload figure
// shows it. Asking for what was cut fails loudly (a standard font) or as fontkit already does
// for an unknown format or encoding.

const STANDARD_FONTS = "/@pdf-lib/standard-fonts/es/";
const FONTKIT = "/@pdf-lib/fontkit/dist/fontkit.es.js";

/** iconv-lite's double-byte tables, each reached through one call rolldown must keep. */
const dbcsTables = [
  ["require$$0", "shiftjis$1"],
  ["require$$1", "eucjp$1"],
  ["require$$2", "cp936$1"],
  ["require$$3$1", "gbkAdded$1"],
  ["require$$4", "gb18030Ranges$1"],
  ["require$$5", "cp949$1"],
  ["require$$6", "cp950$1"],
  ["require$$7", "big5Added$1"],
];

const edits = [
  {
    file: `${STANDARD_FONTS}Font.js`,
    find: "var json = decompressJson(compressedJsonForFontName[fontName]);",
    replace:
      'throw new Error("The standard PDF fonts are not bundled with this Worker: embed a font file (PDFDocument.embedFont) and set it on every text call, " + fontName + " was asked for");',
  },
  {
    file: `${STANDARD_FONTS}Font.js`,
    find: `var compressedJsonForFontName = {
    'Courier': CourierCompressed,
    'Courier-Bold': CourierBoldCompressed,
    'Courier-Oblique': CourierObliqueCompressed,
    'Courier-BoldOblique': CourierBoldObliqueCompressed,
    'Helvetica': HelveticaCompressed,
    'Helvetica-Bold': HelveticaBoldCompressed,
    'Helvetica-Oblique': HelveticaObliqueCompressed,
    'Helvetica-BoldOblique': HelveticaBoldObliqueCompressed,
    'Times-Roman': TimesRomanCompressed,
    'Times-Bold': TimesBoldCompressed,
    'Times-Italic': TimesItalicCompressed,
    'Times-BoldItalic': TimesBoldItalicCompressed,
    'Symbol': SymbolCompressed,
    'ZapfDingbats': ZapfDingbatsCompressed,
};`,
    replace: "var compressedJsonForFontName = {};",
  },
  {
    // Only the standard-font embedder reads these encodings, and it loads the font first.
    // Decompressing them also cost CPU when the PDF builder was first imported.
    file: `${STANDARD_FONTS}Encoding.js`,
    find: `var decompressedEncodings = decompressJson(AllEncodingsCompressed);
var allUnicodeMappings = JSON.parse(decompressedEncodings);`,
    replace: "var allUnicodeMappings = { symbol: {}, zapfdingbats: {}, win1252: {} };",
  },
  {
    file: FONTKIT,
    find: "fontkit.registerFormat(WOFF2Font);\n",
    replace: "",
  },
  {
    // The Brotli decoder also decompressed its 120 KB dictionary when the module loaded.
    file: FONTKIT,
    find: "\ndictionary.init(BrotliDecompressBuffer);\n",
    replace: "\n",
  },
  {
    file: FONTKIT,
    find: "var dictionary = createCommonjsModule(function (module, exports) {",
    replace: "var dictionary = /*#__PURE__*/createCommonjsModule(function (module, exports) {",
  },
  // Property reads at the top of a module are kept by tree-shaking (a getter might run), and
  // with them the whole decoder: each becomes a call marked pure (rolldown ignores the mark on
  // a function expression called in place, hence the named helper).
  {
    file: FONTKIT,
    find: "function getCjsExportFromNamespace (n) {",
    replace:
      "function readOnUse(read) { return read(); }\nfunction getCjsExportFromNamespace (n) {",
  },
  ...[
    "var dictionary_1 = dictionary.init;",
    "var dictionary_2 = dictionary.dictionary;",
    "var dictionary_3 = dictionary.offsetsByLength;",
    "var dictionary_4 = dictionary.sizeBitsByLength;",
    "var dictionary_5 = dictionary.minDictionaryWordLength;",
    "var dictionary_6 = dictionary.maxDictionaryWordLength;",
    "var kNumTransforms = kTransforms.length;",
    "var BrotliInput$1 = streams$1.BrotliInput;",
    "var BrotliOutput$1 = streams$1.BrotliOutput;",
    "var HuffmanCode$1 = huffman.HuffmanCode;",
    "var BrotliBuildHuffmanTable$1 = huffman.BrotliBuildHuffmanTable;",
    "var decompress = decode.BrotliDecompressBuffer;",
  ].map((find) => ({ file: FONTKIT, find, replace: pureRead(find) })),
  {
    // Unicode, UTF-7 and the hand-written single-byte encodings stay; the generated single-byte
    // code pages and the double-byte ones go.
    file: FONTKIT,
    find: "var modules = [internal, utf16, utf7, sbcsCodec, sbcsData, sbcsDataGenerated, dbcsCodec, dbcsData];",
    replace: "var modules = [internal, utf16, utf7, sbcsCodec, sbcsData];",
  },
  ...dbcsTables.map(([name, table]) => ({
    file: FONTKIT,
    find: `var ${name} = getCjsExportFromNamespace(${table});`,
    replace: `var ${name} = /*#__PURE__*/getCjsExportFromNamespace(${table});`,
  })),
];

/** `var a = b.c;` as a call marked pure, which tree-shaking drops when `a` is unused. */
function pureRead(statement) {
  const [, name, read] = /^var (\S+) = (\S+);$/.exec(statement);
  return `var ${name} = /*#__PURE__*/readOnUse(function () { return ${read}; });`;
}

/** A Vite plugin applying the edits to pdf-lib's and fontkit's modules as they are bundled. */
export function trimPdfLibraries() {
  return sourceEdits(
    "trim-pdf-libraries",
    edits,
    (edit) => `${edit.file} changed; unused PDF data is back in the Worker: ${edit.find}`,
  );
}
