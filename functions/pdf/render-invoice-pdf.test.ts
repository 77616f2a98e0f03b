import { describe, expect, it } from "vitest";
import { demoLogoPng } from "../../test/fixtures/demo-logo";
import { HOSTILE, manyItems, PDF_NOW, pdfView } from "../../test/support/pdf-fixtures";
import { popplerText, readPdf } from "../../test/support/pdf-text";
import type { InvoiceView } from "../views/page-model";
import { nodeFontReader } from "./node-font-files";
import { renderInvoicePdf } from "./render-invoice-pdf";

// The PDF read back as a viewer shows it: every field of the view model must be there, in the
// invoice's language, whatever script or symbol it is written in.

const render = (view: InvoiceView, logo: Parameters<typeof renderInvoicePdf>[1]["logo"] = null) =>
  renderInvoicePdf(view, {
    logo,
    now: PDF_NOW,
    producer: "Invoice Portal",
    fonts: nodeFontReader(),
  });

/** Whitespace as PDF.js reports it varies (no-break spaces, line ends): compare words. */
const flat = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

function expectInOrder(text: string, words: string[]) {
  let at = 0;
  for (const word of words) {
    const found = text.indexOf(word, at);
    expect(found, `"${word}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = found + word.length;
  }
}

const itemized = {
  invoice: {
    number: "ZM-1042",
    customerName: "Agnieszka Wiśniewska",
    taxRate: 8_875,
    taxLabel: "Sales tax",
    discountKind: "percent" as const,
    discountValue: 5_000,
    notes: "Thank you for choosing us!\nThe old tap was left with you as requested.",
    terms: "Payment due within 30 days.\nLate payments may incur a 1.5% monthly fee.",
  },
  items: [
    ["Emergency call-out, weekend", 1000, 12500],
    ["Labour (hours)", 2500, 9500],
    ["Compression fittings", 6000, 325],
  ] as [string, number, number][],
  paid: [10_000],
};

describe("renderInvoicePdf", () => {
  it("shows every field of the view model, and describes the document", async () => {
    const view = pdfView(itemized);
    const pdf = await readPdf(await render(view));
    const text = flat(pdf.text);
    const expected = [
      view.business.name,
      ...view.business.addressLines,
      view.business.phone,
      view.business.email,
      view.business.website,
      "Invoice",
      view.number,
      view.issueDate,
      view.dueDate,
      view.stateLabel,
      view.customer.name,
      view.customer.email,
      view.customer.phone,
      "Description",
      "Qty",
      "Unit price",
      "Amount",
      ...view.lines.flatMap((line) => [
        line.description,
        line.quantity,
        line.unitPrice,
        line.amount,
      ]),
      ...[view.subtotal, view.discount, view.tax, view.total, view.amountPaid, view.balanceDue]
        .filter((row) => row !== null)
        .flatMap((row) => [row.label, row.amount]),
      "Thank you for choosing us!",
      "The old tap was left with you as requested.",
      "Payment due within 30 days.",
      "Late payments may incur a 1.5% monthly fee.",
      "Page 1 of 1",
    ];
    for (const value of expected) expect(text, value).toContain(flat(value));
    expect(pdf.text).toContain("BILL TO");
    // Money received is subtracted, shown with a minus as on the page and like the discount.
    expect(text).toContain(flat(`${view.amountPaid?.label} −${view.amountPaid?.amount}`));
    // Notes and terms keep their line breaks.
    expect(pdf.text).toContain("Thank you for choosing us!\nThe old tap was left with you");

    expect(pdf.title).toBe("Invoice ZM-1042");
    expect(pdf.author).toBe(view.business.name);
    expect(pdf.producer).toBe("Invoice Portal");
    expect(pdf.creationDate?.toISOString()).toBe(PDF_NOW.toISOString());
    expect(pdf.lang).toBe("en");
    expect(pdf.pages).toHaveLength(1);
  });

  it("writes labels in the invoice's language (Spanish)", async () => {
    const view = pdfView({
      invoice: {
        number: "ZM-1045",
        locale: "es-MX",
        currency: "MXN",
        taxRate: 16_000,
        taxLabel: "IVA",
      },
      items: [["Mantenimiento mensual: revisión de calentador", 1000, 45000]],
    });
    const pdf = await readPdf(await render(view));
    const text = flat(pdf.text);
    for (const label of [
      "Factura",
      "FACTURAR A",
      "Número de factura",
      "Fecha de emisión",
      "Fecha de vencimiento",
      "Descripción",
      "Cant.",
      "Precio unitario",
      "Importe",
      "Subtotal",
      "IVA (16",
      "Saldo pendiente",
      "Página 1 de 1",
      view.issueDate,
      view.total.amount,
    ]) {
      expect(text, label).toContain(flat(label));
    }
    expect(pdf.title).toBe("Factura ZM-1045");
    expect(pdf.lang).toBe("es");
  });

  it("stamps paid, void, processing and refunded invoices, and leaves due ones plain", async () => {
    const paid = pdfView({ items: [["Service", 1000, 5000]], paid: [5000] });
    expect(paid.state).toBe("paid");
    expect((await readPdf(await render(paid))).text).toContain("PAID");

    const pagada = pdfView({
      invoice: { locale: "es-ES" },
      items: [["Servicio", 1000, 5000]],
      paid: [5000],
    });
    expect((await readPdf(await render(pagada))).text).toContain("PAGADA");

    const voided = pdfView({ invoice: { status: "void" }, items: [["Service", 1000, 5000]] });
    expect((await readPdf(await render(voided))).text).toContain("VOID");

    for (const state of ["processing", "refunded"] as const) {
      const view = { ...pdfView({ items: [["Service", 1000, 5000]] }), state };
      expect((await readPdf(await render(view))).text).toContain(state.toUpperCase());
    }

    const due = pdfView({ items: [["Service", 1000, 5000]] });
    const text = (await readPdf(await render(due))).text;
    for (const stamp of ["PAID", "VOID", "PROCESSING", "REFUNDED"])
      expect(text).not.toContain(stamp);

    // Nothing to pay is no event worth a stamp; its status row says it in words.
    const free = pdfView({
      invoice: { discountKind: "percent", discountValue: 100_000 },
      items: [["Service", 1000, 5000]],
    });
    expect(free.state).toBe("nothing_due");
    const freeText = (await readPdf(await render(free))).text;
    expect(flat(freeText)).toContain("Nothing to pay");
    for (const stamp of ["PAID", "VOID", "PROCESSING", "REFUNDED"])
      expect(freeText).not.toContain(stamp);
  });

  it("draws names in Latin, Polish, Greek and Cyrillic, and common currency symbols", async () => {
    const names = ["Zoë Müller", "Łódź", "Ελλάδα", "Москва", "Việt Nam", "Ğüşöçİ"];
    const view = pdfView({
      business: { name: "Zoë Müller Łódź" },
      invoice: { customerName: "Ελλάδα Москва", notes: names.join("\n") },
      items: [["Test", 1000, 100]],
    });
    const text = flat((await readPdf(await render(view))).text);
    for (const name of names) expect(text).toContain(name);

    const currencies: [string, string, string][] = [
      ["EUR", "de-DE", "€"],
      ["GBP", "en-GB", "£"],
      ["JPY", "ja-JP", "￥"],
      ["INR", "en-IN", "₹"],
      ["RUB", "ru-RU", "₽"],
      ["KRW", "ko-KR", "₩"],
      ["TRY", "tr-TR", "₺"],
      ["ILS", "en-IL", "₪"],
      ["VND", "vi-VN", "₫"],
      ["PLN", "pl-PL", "zł"],
      ["UAH", "uk-UA", "₴"],
      ["CHF", "de-CH", "CHF"],
    ];
    for (const [currency, locale, symbol] of currencies) {
      const money = pdfView({ invoice: { currency, locale }, items: [["Item", 1000, 123456]] });
      const pdfText = flat((await readPdf(await render(money))).text);
      expect(money.total.amount, currency).toContain(symbol);
      expect(pdfText, `${currency} ${money.total.amount}`).toContain(flat(money.total.amount));
      expect(pdfText).not.toContain("\ufffd");
    }
  });

  it("draws amounts and dates in Arabic-Indic and Persian digits as the locale writes them", async () => {
    const arabic = pdfView({
      invoice: { currency: "KWD", locale: "ar-KW", issueDate: "2026-11-18" },
      items: [["Service", 1000, 12345]],
    });
    expect(arabic.total.amount).toContain("١٢٫٣٤٥");
    // Read with poppler, which reads each shaped run's text as marked (ActualText): Noto
    // Sans Arabic draws ١ and ۱ with one glyph, so the glyph alone cannot tell which it was.
    const arabicText = flat(await popplerText(await render(arabic)));
    expect(arabicText).toContain("١٢٫٣٤٥");
    expect(arabicText).toContain("١٨/١١/٢٠٢٦");
    expect(arabicText).not.toContain("\ufffd");

    const persian = pdfView({
      invoice: { currency: "IRR", locale: "fa-IR" },
      items: [["Service", 1000, 1234567]],
    });
    expect(persian.total.amount).toContain("۱٬۲۳۴٬۵۶۷");
    expect(flat(await popplerText(await render(persian)))).toContain("۱٬۲۳۴٬۵۶۷");
  });

  it("describes fixed and percent amounts in a sentence", async () => {
    const percent = pdfView({
      invoice: {
        amountMode: "percent",
        percentRate: 50_000,
        percentBase: 400_000,
        percentLabel: "deposit",
      },
    });
    const text = flat((await readPdf(await render(percent))).text);
    expect(text).toContain(flat(percent.amountDescription ?? "missing"));
    expect(text).toContain("$2,000.00");
    expect(text).not.toContain("Qty");

    const fixed = pdfView({ invoice: { amountMode: "fixed", fixedAmount: 35_000 } });
    expect(flat((await readPdf(await render(fixed))).text)).toContain("Amount due $350.00");
  });

  it("wraps a long description inside its column without losing a word", async () => {
    const description =
      "Replace kitchen mixer tap — chrome, single lever, with ceramic cartridge, new flexible hoses, isolation valves and a full leak test of the supply under the sink";
    const view = pdfView({ items: [[description, 1000, 18900]] });
    const pdf = await readPdf(await render(view));
    expectInOrder(pdf.text, description.split(" "));
    const firstLine = pdf.text.split("\n").find((line) => line.startsWith("Replace"));
    expect(firstLine).toMatch(/\$189\.00 \$189\.00$/);
  });

  it("breaks 500 items across pages, repeating the header and numbering every page", async () => {
    const view = pdfView({ invoice: { notes: "Thanks." }, items: manyItems(500) });
    const pdf = await readPdf(await render(view));
    const pages = pdf.pages.length;
    // About 24 rows a page (every seventh description takes two lines).
    expect(pages).toBeGreaterThanOrEqual(18);
    expect(pages).toBeLessThanOrEqual(24);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
      expect(page).toMatch(/Description Qty Unit price Amount/);
    });
    for (const n of [1, 250, 500]) expect(pdf.text).toContain(`Item ${n}:`);
    const last = pdf.pages[pages - 1] ?? "";
    expect(last).toContain("Balance due");
    expect(last).toContain("Item 500:");
    expect(pdf.pages[pages - 2]).not.toContain("Balance due");
  });

  it("survives hostile text: emoji, bidi overrides, controls and a 10,000-character description", async () => {
    const view = pdfView({
      business: { name: HOSTILE.name },
      invoice: {
        customerName: "Ivan \u202eΠετρόφ\u202c",
        notes: HOSTILE.notes,
        terms: "🙂".repeat(50),
      },
      items: [[HOSTILE.description, 1000, 100]],
    });
    expect(HOSTILE.description.length).toBeGreaterThan(10_000);
    const pdf = await readPdf(await render(view));
    const text = pdf.text;
    expect(text).toContain("Evil Corp");
    expect(text).toContain("Ivan Πετρόφ");
    expect(text).toContain("\ufffd");
    for (const char of "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0000\u0007") {
      expect(text).not.toContain(char);
    }
    expect(text).toContain("Line one\nLine two\nLine three Tabbed\nNext");
    expect(flat(text).match(/Lorem ipsum/g)?.length).toBe(170);
    expect(pdf.pages.length).toBeGreaterThan(1);
  });

  it("embeds a PNG logo, and still renders when the logo cannot be decoded", async () => {
    const view = pdfView({ items: [["Service", 1000, 5000]] });
    const plain = await render(view);
    const logo = { kind: "png" as const, bytes: new Uint8Array(demoLogoPng("#0e7490")) };
    const withLogo = await render(view, logo);
    expect(withLogo.length).toBeGreaterThan(plain.length);
    expect(new TextDecoder("latin1").decode(withLogo)).toContain("/Subtype /Image");

    const broken = new Uint8Array(200);
    broken.set(logo.bytes.subarray(0, 16));
    const survived = await render(view, { kind: "png", bytes: broken });
    expect((await readPdf(survived)).text).toContain(view.business.name);
  });

  it("uses US Letter in the Americas and A4 elsewhere", async () => {
    const letter = await render(pdfView({ items: [["x", 1000, 1]] }));
    const a4 = await render(pdfView({ invoice: { locale: "de-DE" }, items: [["x", 1000, 1]] }));
    expect(new TextDecoder("latin1").decode(letter)).toContain("/MediaBox [ 0 0 612 792 ]");
    expect(new TextDecoder("latin1").decode(a4)).toContain("/MediaBox [ 0 0 595.28 841.89 ]");
  });
});
