import { withoutBidiControls } from "../i18n/bidi";
import { fill, messagesFor } from "../i18n/messages";

// The text an owner sends the customer with the link, in the invoice's language. No amount:
// the page shows it, and a text message is easy to forward or read over a shoulder.

export function textMessage(input: {
  locale: string;
  customerName: string;
  number: string;
  businessName: string;
  url: string;
}): string {
  const messages = messagesFor(input.locale);
  // A first name reads like a person wrote the message.
  const name = withoutBidiControls(input.customerName).trim().split(/\s+/)[0] ?? "";
  // The API keeps bidi embeddings, overrides and isolates out of these fields; text stored before
  // it did is cleaned here too, so nothing can reorder the message or its link.
  return fill(name ? messages.textMessageNamed : messages.textMessageUnnamed, {
    name,
    number: withoutBidiControls(input.number),
    business: withoutBidiControls(input.businessName),
    url: input.url,
  });
}
