import { type PDFContext, type PDFDocument, PDFImage, type PDFRef, PngEmbedder } from "pdf-lib";
import { compressStream } from "./fast-paths";

// The logo's image streams, kept per isolate. pdf-lib decodes a PNG into raw RGB and alpha
// planes on every embed, and those (tens of KB for a small logo) were then deflated again for
// every PDF: about a third of a one-page invoice's compression time. A business's logo is the
// same bytes on every one of its invoices, so the decoded and compressed planes are kept,
// keyed by the SHA-256 of the PNG bytes. The key is a real digest on purpose: a false hit would
// put another business's logo on an invoice. Nothing about an invoice's content is kept here,
// only what follows from the logo file. Bounded: the most recently used few logos (an LRU
// over Map's insertion order); each entry is about the size of its PNG.

interface Plane {
  contents: Uint8Array;
  /** Deflated (FlateDecode) or, when small, stored raw. */
  deflated: boolean;
}

interface PreparedPng {
  width: number;
  height: number;
  bitsPerComponent: number;
  rgb: Plane;
  alpha: Plane | undefined;
}

export const LOGO_CACHE_ENTRIES = 8;
const prepared = new Map<string, Promise<PreparedPng>>();

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

function plane(bytes: Uint8Array): Plane {
  const compressed = compressStream(bytes);
  return compressed
    ? { contents: compressed, deflated: true }
    : { contents: bytes, deflated: false };
}

async function preparePng(bytes: Uint8Array): Promise<PreparedPng> {
  const { image } = (await PngEmbedder.for(bytes)) as unknown as {
    image: {
      width: number;
      height: number;
      bitsPerComponent: number;
      rgbChannel: Uint8Array;
      alphaChannel?: Uint8Array;
    };
  };
  return {
    width: image.width,
    height: image.height,
    bitsPerComponent: image.bitsPerComponent,
    rgb: plane(image.rgbChannel),
    alpha: image.alphaChannel ? plane(image.alphaChannel) : undefined,
  };
}

async function cachedPng(bytes: Uint8Array): Promise<PreparedPng> {
  const key = await sha256(bytes);
  let entry = prepared.get(key);
  if (entry) {
    prepared.delete(key);
  } else {
    entry = preparePng(bytes);
    // A logo that fails to decode is not remembered (the PDF goes without it either way).
    entry.catch(() => prepared.delete(key));
  }
  prepared.set(key, entry);
  while (prepared.size > LOGO_CACHE_ENTRIES) {
    const oldest = prepared.keys().next().value;
    if (oldest === undefined) break;
    prepared.delete(oldest);
  }
  return entry;
}

type Dict = Parameters<PDFContext["stream"]>[1] & object;

/** Writes the kept planes as pdf-lib's PngEmbedder would (same dictionaries, same objects). */
async function embedIntoContext(png: PreparedPng, context: PDFContext, ref?: PDFRef) {
  const stream = (p: Plane, dict: Dict) =>
    context.stream(p.contents, p.deflated ? { ...dict, Filter: "FlateDecode" } : dict);
  const SMask = png.alpha
    ? context.register(
        stream(png.alpha, {
          Type: "XObject",
          Subtype: "Image",
          Height: png.height,
          Width: png.width,
          BitsPerComponent: png.bitsPerComponent,
          ColorSpace: "DeviceGray",
          Decode: [0, 1],
        }),
      )
    : undefined;
  const xObject = stream(png.rgb, {
    Type: "XObject",
    Subtype: "Image",
    BitsPerComponent: png.bitsPerComponent,
    Width: png.width,
    Height: png.height,
    ColorSpace: "DeviceRGB",
    SMask,
  });
  if (!ref) return context.register(xObject);
  context.assign(ref, xObject);
  return ref;
}

/**
 * A PngEmbedder (pdf-lib accepts no other kind for a PNG) whose embedding writes the kept
 * planes; its constructor is private, hence the prototype.
 */
function preparedEmbedder(png: PreparedPng): PngEmbedder {
  const embedder = Object.create(PngEmbedder.prototype) as PngEmbedder;
  Object.assign(embedder, {
    bitsPerComponent: png.bitsPerComponent,
    width: png.width,
    height: png.height,
    colorSpace: "DeviceRGB",
    embedIntoContext: (context: PDFContext, ref?: PDFRef) => embedIntoContext(png, context, ref),
  });
  return embedder;
}

/** `doc.embedPng(bytes)`, with the decoded and compressed image kept per logo (see above). */
export async function embedPngCached(doc: PDFDocument, bytes: Uint8Array): Promise<PDFImage> {
  const embedder = preparedEmbedder(await cachedPng(bytes));
  const ref = doc.context.nextRef();
  const image = PDFImage.of(ref, doc, embedder);
  (doc as unknown as { images: PDFImage[] }).images.push(image);
  return image;
}
