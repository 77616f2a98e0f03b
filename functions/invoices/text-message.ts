import { withoutBidiControls } from "../i18n/bidi";
import { formatMoney } from "../i18n/format";
import { fill, type Messages, messagesFor } from "../i18n/messages";

// The texts an owner sends the customer with the link, in the invoice's language: the invoice
// itself, and a reminder when it is overdue. The first has no amount (the page shows it, and a
// text message is easy to forward or read over a shoulder); a reminder names the balance due,
// because what is still owed is its whole point.

interface TextInput {
  locale: string;
  customerName: string;
  number: string;
  businessName: string;
  url: string;
}

/** The message with the customer's first name, or the one without when there is none. */
function compose(
  input: TextInput,
  templates: (messages: Messages) => { named: string; unnamed: string },
  extra: Record<string, string> = {},
): string {
  const { named, unnamed } = templates(messagesFor(input.locale));
  // A first name reads like a person wrote the message.
  const name = withoutBidiControls(input.customerName).trim().split(/\s+/)[0] ?? "";
  // The API keeps bidi embeddings, overrides and isolates out of these fields; text stored before
  // it did is cleaned here too, so nothing can reorder the message or its link.
  return fill(name ? named : unnamed, {
    ...extra,
    name,
    number: withoutBidiControls(input.number),
    business: withoutBidiControls(input.businessName),
    url: input.url,
  });
}

export function textMessage(input: TextInput): string {
  return compose(input, (m) => ({ named: m.textMessageNamed, unnamed: m.textMessageUnnamed }));
}

/** A polite reminder of an overdue invoice, with its balance due (from the ledger). */
export function reminderMessage(
  input: TextInput & { balanceDue: number; currency: string },
): string {
  return compose(
    input,
    (m) => ({ named: m.reminderMessageNamed, unnamed: m.reminderMessageUnnamed }),
    { amount: formatMoney(input.balanceDue, input.currency, input.locale) },
  );
}
