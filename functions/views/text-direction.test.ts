import { describe, expect, it } from "vitest";
import { messagesFor } from "../i18n/messages";
import { headText, isolate } from "./text-direction";

describe("text direction", () => {
  const t = messagesFor("en");

  it("keeps direction overrides a business typed from reordering the title", () => {
    const title = headText(t.pageTitle, {
      number: "\u202e1-XH",
      business: "Evil\u2067 Corp\u200f",
    });
    expect(title).toBe("Invoice 1-XH from Evil Corp");
  });

  it("keeps the title on one line and leaves other text as typed", () => {
    expect(headText(t.previewDescription, { business: "  Zoë\nMüller — שלום 😀 " })).toBe(
      "Invoice from Zoë Müller — שלום 😀",
    );
  });

  it("isolates a value inside a sentence", () => {
    expect(isolate("\u202eabc")).toBe("\u2068\u202eabc\u2069");
    expect(isolate("Zoë Müller")).toBe("Zoë Müller");
  });
});
