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

  it("falls back to English and to no name", () => {
    expect(textMessage({ ...base, locale: "de-DE", customerName: "  " })).toBe(
      "Hi, here is your invoice GL-2001 from Greenleaf Landscaping: https://x.test/p/abc",
    );
  });
});
