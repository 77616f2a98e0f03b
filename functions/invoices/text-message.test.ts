import { describe, expect, it } from "vitest";
import { textMessage } from "./text-message";

const base = {
  number: "GL-2001",
  businessName: "Greenleaf Landscaping",
  url: "https://x.test/p/abc",
};

describe("textMessage", () => {
  it("greets the customer by first name in the invoice's language", () => {
    expect(textMessage({ ...base, locale: "en-US", customerName: "Sam Rivera" })).toBe(
      "Hi Sam, here is your invoice GL-2001 from Greenleaf Landscaping: https://x.test/p/abc",
    );
    expect(textMessage({ ...base, locale: "es-MX", customerName: "María José Núñez" })).toBe(
      "Hola María, aquí está su factura GL-2001 de Greenleaf Landscaping: https://x.test/p/abc",
    );
  });

  it("speaks every catalogue language", () => {
    expect(textMessage({ ...base, locale: "fr-FR", customerName: "Élise Martin" })).toBe(
      "Bonjour Élise, voici votre facture GL-2001 de Greenleaf Landscaping : https://x.test/p/abc",
    );
    expect(textMessage({ ...base, locale: "de-AT", customerName: "Jürgen Bauer" })).toBe(
      "Guten Tag Jürgen, hier ist Ihre Rechnung GL-2001 von Greenleaf Landscaping: https://x.test/p/abc",
    );
    expect(textMessage({ ...base, locale: "pt-BR", customerName: "João Silva" })).toBe(
      "Olá, João! Segue sua fatura GL-2001 de Greenleaf Landscaping: https://x.test/p/abc",
    );
    expect(textMessage({ ...base, locale: "ar-SA", customerName: "محمد الأحمد" })).toBe(
      "مرحبًا محمد، إليكم الفاتورة GL-2001 من Greenleaf Landscaping: https://x.test/p/abc",
    );
  });

  it("falls back to English and to no name", () => {
    expect(textMessage({ ...base, locale: "sv-SE", customerName: "  " })).toBe(
      "Hi, here is your invoice GL-2001 from Greenleaf Landscaping: https://x.test/p/abc",
    );
  });

  it("drops bidi embeddings, overrides and isolates, so nothing can reorder the link", () => {
    const message = textMessage({
      locale: "en-US",
      customerName: "\u2067Sam\u2069 Rivera",
      number: "GL-\u202e1002",
      businessName: "Greenleaf\u202a Landscaping\u202c\u2066",
      url: "https://x.test/p/abc",
    });
    expect(message).toBe(
      "Hi Sam, here is your invoice GL-1002 from Greenleaf Landscaping: https://x.test/p/abc",
    );
    // Marks only settle the direction of neighbouring punctuation; a Hebrew name keeps its own.
    expect(
      textMessage({ ...base, locale: "en-US", customerName: "\u05e9\u05e8\u05d4\u200f" }),
    ).toBe(
      "Hi \u05e9\u05e8\u05d4\u200f, here is your invoice GL-2001 from Greenleaf Landscaping: https://x.test/p/abc",
    );
  });
});
