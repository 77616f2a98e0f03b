import { withoutBidiControls } from "../i18n/bidi";
import { fill } from "../i18n/messages";

// The text an owner sends the customer with the link, in the invoice's language. No amount:
// the page shows it, and a text message is easy to forward or read over a shoulder.

const templates: Record<string, { named: string; unnamed: string }> = {
  en: {
    named: "Hi {name}, here is your invoice {number} from {business}: {url}",
    unnamed: "Hi, here is your invoice {number} from {business}: {url}",
  },
  es: {
    named: "Hola {name}, aquí está su factura {number} de {business}: {url}",
    unnamed: "Hola, aquí está su factura {number} de {business}: {url}",
  },
};

export function textMessage(input: {
  locale: string;
  customerName: string;
  number: string;
  businessName: string;
  url: string;
}): string {
  const language = input.locale.split(/[-_]/)[0]?.toLowerCase() ?? "en";
  const template = templates[language] ?? templates.en;
  // A first name reads like a person wrote the message.
  const name = withoutBidiControls(input.customerName).trim().split(/\s+/)[0] ?? "";
  // The API keeps bidi embeddings, overrides and isolates out of these fields; text stored before
  // it did is cleaned here too, so nothing can reorder the message or its link.
  return fill(name ? (template?.named ?? "") : (template?.unnamed ?? ""), {
    name,
    number: withoutBidiControls(input.number),
    business: withoutBidiControls(input.businessName),
    url: input.url,
  });
}
