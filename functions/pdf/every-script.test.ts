import { describe, expect, it } from "vitest";
import { PDF_NOW, pdfView } from "../../test/support/pdf-fixtures";
import { popplerText, popplerWords } from "../../test/support/pdf-text";
import { nodeFontReader } from "./node-font-files";
import { renderInvoicePdf } from "./render-invoice-pdf";

// An invoice written in every major script, read back with poppler's pdftotext (what a
// customer's copy, search and accounting tools see): each field comes back as typed, in
// reading order, with no replacement character. pdftotext rebuilds right-to-left order by
// reversing the runs it finds, which it cannot do for brackets or digits at the edge of a run,
// so each field here is in one direction.

const fields = {
  customer: "محمد الأحمد",
  arabic: "تركيب أنابيب المطبخ",
  hebrew: "תיקון צנרת במטבח",
  simplified: "厨房水管维修",
  traditional: "廚房水管維修",
  japanese: "台所の配管修理",
  korean: "주방 배관 수리",
  hindi: "रसोई की पाइप की मरम्मत",
  thai: "ซ่อมท่อน้ำในครัว",
  notesArabic: "شكرا لتعاملكم معنا",
  notesHindi: "आपके व्यवसाय के लिए धन्यवाद",
  notesThai: "ขอบคุณที่ใช้บริการ",
};

describe("an invoice in every script", () => {
  it("reads back every field as typed, in reading order, with no replacement character", async () => {
    const view = pdfView({
      invoice: {
        customerName: fields.customer,
        notes: [fields.notesArabic, fields.notesHindi, fields.notesThai].join("\n"),
      },
      items: [
        [fields.arabic, 1000, 12000],
        [fields.hebrew, 1000, 8000],
        [fields.simplified, 1000, 5000],
        [fields.traditional, 1000, 5000],
        [fields.japanese, 1000, 5000],
        [fields.korean, 1000, 5000],
        [fields.hindi, 1000, 5000],
        [fields.thai, 1000, 5000],
      ],
    });
    const pdf = await renderInvoicePdf(view, {
      logo: null,
      now: PDF_NOW,
      producer: "Invoice Portal",
      fonts: nodeFontReader(),
    });
    const text = await popplerText(pdf);
    for (const [field, value] of Object.entries(fields)) {
      expect(text, field).toContain(value);
    }
    expect(text).not.toContain("\ufffd");
    expect(text).toContain("Balance due");
  });
});

describe("an invoice in a right-to-left language", () => {
  it("is laid out as the mirror image: business on the right, number and amounts on the left", async () => {
    const render = (locale: string) =>
      renderInvoicePdf(
        pdfView({
          invoice: { number: "INV-7", locale, currency: "AED" },
          items: [["x", 1000, 5000]],
        }),
        { logo: null, now: PDF_NOW, producer: "Invoice Portal", fonts: nodeFontReader() },
      );
    const side = async (locale: string, word: string) => {
      const found = (await popplerWords(await render(locale))).find((w) => w.text === word);
      if (!found) throw new Error(`${word} not found (${locale})`);
      return (found.xMin + found.xMax) / 2 < found.pageWidth / 2 ? "left" : "right";
    };
    expect(await side("en-AE", "Zoë")).toBe("left");
    expect(await side("en-AE", "INV-7")).toBe("right");
    expect(await side("ar-AE", "Zoë")).toBe("right");
    expect(await side("ar-AE", "INV-7")).toBe("left");
  });
});
