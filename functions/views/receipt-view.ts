import type { Payment } from "../../db/schema";
import { isReceived, type Ledger } from "../domain/ledger";
import { formatInstantDate, formatMoney } from "../i18n/format";
import { fill, type Messages } from "../i18n/messages";
import type { ReceiptLine, ReceiptView } from "./page-model";

type ReceiptPayment = Pick<
  Payment,
  | "status"
  | "provider"
  | "method"
  | "amount"
  | "currency"
  | "completedAt"
  | "createdAt"
  | "reference"
  | "paymentIntentId"
  | "methodBrand"
  | "methodLast4"
  | "receiptNumber"
>;

// Card networks as customers know them; any other brand Stripe reports is shown as it comes.
const CARD_BRANDS: Record<string, string> = {
  amex: "American Express",
  cartes_bancaires: "Cartes Bancaires",
  diners: "Diners Club",
  discover: "Discover",
  eftpos_au: "eftpos",
  interac: "Interac",
  jcb: "JCB",
  link: "Link",
  mastercard: "Mastercard",
  unionpay: "UnionPay",
  visa: "Visa",
};

function methodText(p: ReceiptPayment, t: Messages): string {
  const method = p.method ?? "other";
  const generic = t[`method_${method}`];
  if (!p.methodLast4) return generic;
  if (method === "card") {
    const brand = p.methodBrand ? (CARD_BRANDS[p.methodBrand] ?? p.methodBrand) : generic;
    return fill(t.cardEnding, { brand, last4: p.methodLast4 });
  }
  return fill(t.bankEnding, { bank: p.methodBrand ?? generic, last4: p.methodLast4 });
}

function referenceOf(p: ReceiptPayment, t: Messages): ReceiptLine["reference"] {
  if (p.receiptNumber) return { label: t.receiptNumber, value: p.receiptNumber };
  // Offline: what the owner recorded (a check number); online: Stripe's payment id, which the
  // business can look up.
  const reference = p.reference.trim() || (p.provider === "stripe" ? p.paymentIntentId : null);
  return reference ? { label: t.receiptReference, value: reference } : null;
}

/**
 * The receipt once the ledger says the invoice is paid: each payment it counted, with the day
 * it was paid in the business's time zone. Amounts are the payments' own, as recorded.
 */
export function receiptView(
  ledger: Pick<Ledger, "paid">,
  payments: readonly ReceiptPayment[],
  context: { locale: string; timeZone: string; messages: Messages },
): ReceiptView | null {
  if (!ledger.paid) return null;
  const { locale, timeZone, messages: t } = context;
  const received = payments
    .filter(isReceived)
    .map((p) => ({ p, at: p.completedAt ?? p.createdAt }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  if (received.length === 0) return null;
  return {
    heading: t.receipt,
    labels: { paidOn: t.receiptPaidOn, amount: t.receiptAmount, method: t.receiptMethod },
    lines: received.map(({ p, at }) => ({
      paidOn: formatInstantDate(at, locale, timeZone),
      amount: formatMoney(p.amount, p.currency, locale),
      method: methodText(p, t),
      reference: referenceOf(p, t),
    })),
  };
}
