import { FONT_DIR } from "./font-manifest";

// How the PDF reads its font files: given a file name in public/_fonts, its bytes. The Worker
// reads them through its static assets binding (they are not part of its JavaScript); Node
// (tests, the benchmark, scripts) reads the same files from disk (node-font-files.ts).

export type FontReader = (file: string) => Promise<Uint8Array>;

/** The Workers static assets binding, as far as it is used here. */
export interface AssetsBinding {
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
}

/** A font file name as the generator writes them; anything else is never requested. */
const FILE_NAME = /^[a-z0-9][a-z0-9.-]*$/;

/** Reads font files through the static assets binding (`ASSETS`). */
export function assetsFontReader(assets: AssetsBinding): FontReader {
  return async (file) => {
    if (!FILE_NAME.test(file)) throw new Error(`not a font file name: ${file}`);
    // The binding answers for any host; only the path matters.
    const response = await assets.fetch(`https://assets.invalid/${FONT_DIR}/${file}`);
    if (!response.ok) {
      throw new Error(`font file ${file}: ${response.status} from the assets binding`);
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** The font reader for a request's bindings: the `ASSETS` binding, which the Worker has. */
export function fontReaderFor(env: Record<string, unknown>): FontReader {
  const assets = env.ASSETS as AssetsBinding | undefined;
  if (!assets || typeof assets.fetch !== "function") {
    throw new Error("the ASSETS binding is missing: the PDF's fonts are static assets");
  }
  return assetsFontReader(assets);
}
