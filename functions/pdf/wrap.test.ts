import { describe, expect, it } from "vitest";
import { breakWord, truncate, wrapText } from "./wrap";

// A monospace measure: every character is 1 unit wide, so widths are character counts.
const mono = (text: string) => [...text].length;

describe("wrapText", () => {
  it("fills lines word by word up to the width", () => {
    expect(wrapText("the quick brown fox jumps over", 10, mono)).toEqual([
      "the quick",
      "brown fox",
      "jumps over",
    ]);
  });

  it("never returns a line wider than the width", () => {
    const text = "Replace kitchen mixer tap — chrome, single lever, with ceramic cartridge";
    for (const width of [5, 8, 13, 21, 40]) {
      for (const line of wrapText(text, width, mono)) expect(mono(line)).toBeLessThanOrEqual(width);
    }
  });

  it("breaks a word longer than the line inside the word", () => {
    expect(wrapText("see https://example.com/a/very/long/path ok", 10, mono)).toEqual([
      "see",
      "https://ex",
      "ample.com/",
      "a/very/lon",
      "g/path ok",
    ]);
  });

  it("keeps line breaks and blank lines", () => {
    expect(wrapText("one\n\ntwo three", 20, mono)).toEqual(["one", "", "two three"]);
  });

  it("collapses runs of spaces and returns one empty line for empty text", () => {
    expect(wrapText("a    b", 20, mono)).toEqual(["a b"]);
    expect(wrapText("", 20, mono)).toEqual([""]);
  });

  it("treats astral characters as single characters", () => {
    expect(wrapText("😀😀😀😀", 2, mono)).toEqual(["😀😀", "😀😀"]);
  });

  it("wraps 10,000 characters without spaces into full lines", () => {
    const lines = wrapText("x".repeat(10_000), 90, mono);
    expect(lines).toHaveLength(Math.ceil(10_000 / 90));
    expect(lines.join("")).toBe("x".repeat(10_000));
  });
});

describe("breakWord", () => {
  it("puts at least one character on a line even if it is wider than the width", () => {
    const wide = (text: string) => [...text].length * 10;
    expect(breakWord("abc", 5, wide)).toEqual(["a", "b", "c"]);
  });
});

describe("truncate", () => {
  it("leaves text that fits alone and cuts the rest with an ellipsis", () => {
    expect(truncate("short", 10, mono)).toBe("short");
    expect(truncate("a rather long label", 10, mono)).toBe("a rather…");
  });
});

describe("wrapText at the exact width", () => {
  it("keeps a value on one line in a column sized to it, despite rounding", () => {
    // A column is its widest value plus padding on both sides (8 points each), less the
    // padding again: 0.2 + 16 - 16 is 0.1999999999999993.
    const measure = (text: string) => text.length * 0.1;
    const value = "¥5";
    const column = measure(value) + 2 * 8;
    expect(column - 2 * 8).toBeLessThan(measure(value));
    expect(wrapText(value, column - 2 * 8, measure)).toEqual([value]);
  });
});
