import type { Invoice } from "../../db/schema";
import { reminderMessage } from "../invoices/text-message";
import { smsHref } from "./sms-href";

/**
 * "Text a reminder" for an overdue invoice: an `sms:` link to the customer with the reminder in
 * the invoice's language. The detail page and the list both offer it, only while overdue.
 */
export function reminderSms(
  invoice: Pick<Invoice, "locale" | "customerName" | "customerPhone" | "number" | "currency">,
  input: { businessName: string; balanceDue: number; url: string },
): string {
  return smsHref(
    invoice.customerPhone,
    reminderMessage({
      locale: invoice.locale,
      customerName: invoice.customerName,
      number: invoice.number,
      currency: invoice.currency,
      ...input,
    }),
  );
}
