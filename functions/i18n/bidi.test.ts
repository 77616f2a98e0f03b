import { describe, expect, it } from "vitest";
import { hasBidiControl, withoutBidiControls } from "./bidi";

describe("bidi controls", () => {
  it("finds and drops embeddings, overrides and isolates, keeping marks", () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const text = `GL-${String.fromCharCode(code)}1002`;
      expect(hasBidiControl(text), code.toString(16)).toBe(true);
      expect(withoutBidiControls(text)).toBe("GL-1002");
    }
    for (const kept of [
      "Zoë Müller",
      "\u05e9\u05e8\u05d4\u200f",
      "a\u200eb",
      "\u061c1",
      "\u2065",
    ]) {
      expect(hasBidiControl(kept), kept).toBe(false);
      expect(withoutBidiControls(kept)).toBe(kept);
    }
  });
});
