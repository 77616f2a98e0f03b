import { describe, expect, it } from "vitest";
import { reminderMessage, textMessage } from "./text-message";

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

describe("reminderMessage", () => {
  const overdue = { ...base, balanceDue: 53_349, currency: "USD" };

  it("reminds politely, with the business, the number, the balance due and the link", () => {
    expect(reminderMessage({ ...overdue, locale: "en-US", customerName: "Sam Rivera" })).toBe(
      "Hi Sam, a friendly reminder from Greenleaf Landscaping: invoice GL-2001 has a balance of $533.49 past due. Thank you! You can view it here: https://x.test/p/abc",
    );
    expect(
      reminderMessage({
        ...overdue,
        locale: "es-MX",
        currency: "MXN",
        customerName: "María José Núñez",
      }),
    ).toBe(
      "Hola María, le recordamos amablemente de parte de Greenleaf Landscaping que la factura GL-2001 tiene un saldo vencido de $533.49. ¡Gracias! Puede verla aquí: https://x.test/p/abc",
    );
  });

  it("speaks every catalogue language, with the amount written as the invoice's locale writes it", () => {
    const eur = { ...overdue, currency: "EUR" };
    expect(reminderMessage({ ...eur, locale: "fr-FR", customerName: "Élise Martin" })).toBe(
      "Bonjour Élise, petit rappel de la part de Greenleaf Landscaping : la facture GL-2001 présente un solde échu de 533,49\u00a0€. Merci ! Vous pouvez la consulter ici : https://x.test/p/abc",
    );
    expect(reminderMessage({ ...eur, locale: "de-AT", customerName: "Jürgen Bauer" })).toBe(
      "Guten Tag Jürgen, eine freundliche Erinnerung von Greenleaf Landscaping: Bei der Rechnung GL-2001 ist ein Betrag von €\u00a0533,49 überfällig. Vielen Dank! Sie finden sie hier: https://x.test/p/abc",
    );
    expect(
      reminderMessage({ ...overdue, currency: "BRL", locale: "pt-BR", customerName: "João Silva" }),
    ).toBe(
      "Olá, João! Um lembrete amigável de Greenleaf Landscaping: a fatura GL-2001 tem um saldo em atraso de R$\u00a0533,49. Obrigado! Você pode vê-la aqui: https://x.test/p/abc",
    );
    const arabic = reminderMessage({
      ...overdue,
      currency: "SAR",
      locale: "ar-SA",
      customerName: "محمد الأحمد",
    });
    expect(
      arabic.startsWith("مرحبًا محمد، تذكير ودّي من Greenleaf Landscaping: على الفاتورة GL-2001"),
    ).toBe(true);
    expect(arabic).toContain("https://x.test/p/abc");
  });

  it("falls back to English words and to no name; the amount stays in the invoice's locale", () => {
    expect(reminderMessage({ ...overdue, locale: "sv-SE", customerName: " " })).toBe(
      "Hi, a friendly reminder from Greenleaf Landscaping: invoice GL-2001 has a balance of 533,49\u00a0US$ past due. Thank you! You can view it here: https://x.test/p/abc",
    );
  });

  it("drops bidi controls from what the business and the customer typed", () => {
    expect(
      reminderMessage({
        ...overdue,
        locale: "en-US",
        customerName: "\u2067Sam\u2069",
        number: "GL-\u202e2001",
        businessName: "Greenleaf\u202a Landscaping\u202c",
      }),
    ).toBe(
      "Hi Sam, a friendly reminder from Greenleaf Landscaping: invoice GL-2001 has a balance of $533.49 past due. Thank you! You can view it here: https://x.test/p/abc",
    );
  });
});
