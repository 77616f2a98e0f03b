// Request bodies are UTF-8 (JSON must be, RFC 8259). A decoder that replaces bad bytes with
// U+FFFD would store a changed name without a word, so bodies are decoded strictly and bad
// bytes are refused where they arrive.

const strict = new TextDecoder("utf-8", { fatal: true });

/** The bytes as text, or null when they are not valid UTF-8. A leading BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}
