import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { businesses, invoices, payments } from "../../db/schema";
import { formatMoney } from "../i18n/format";
import { fill, languageOf } from "../i18n/messages";
import { ownerLanguage } from "../i18n/owner-messages";
import type { OwnerNotice } from "./owner-notice";

/**
 * What happened that the owner hears about, as the verb that applied it reported: the
 * customer's first view of an invoice, or a change to one of its payments. Only a change a verb
 * actually made becomes an event, so a repeated or reordered webhook makes none.
 */
export type OwnerEvent =
  | { kind: "viewed"; invoiceId: string }
  | { kind: "paid" | "bank_failed" | "disputed"; paymentId: string };

export interface NoticeFacts {
  businessId: string;
  defaultLocale: string;
  invoiceId: string;
  number: string;
  customerName: string;
  /** The payment's own amount (what was paid), for payment events. */
  amount: number | null;
  currency: string | null;
}

const fields = {
  businessId: businesses.id,
  defaultLocale: businesses.defaultLocale,
  invoiceId: invoices.id,
  number: invoices.number,
  customerName: invoices.customerName,
};

async function factsOf(db: Db, event: OwnerEvent): Promise<NoticeFacts | null> {
  if (event.kind === "viewed") {
    const [row] = await db
      .select(fields)
      .from(invoices)
      .innerJoin(businesses, eq(businesses.id, invoices.businessId))
      .where(eq(invoices.id, event.invoiceId));
    return row ? { ...row, amount: null, currency: null } : null;
  }
  const [row] = await db
    .select({ ...fields, amount: payments.amount, currency: payments.currency })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .innerJoin(businesses, eq(businesses.id, invoices.businessId))
    .where(eq(payments.id, event.paymentId));
  return row ?? null;
}

/**
 * The notice in the business's language (English or Spanish: the owner app's catalogues), the
 * same words and money format as the owner app. A device shows one notice per invoice and
 * kind: the tag makes a later one of the same kind replace it.
 */
export function noticeFor(event: OwnerEvent, facts: NoticeFacts): OwnerNotice {
  const { lang, t } = ownerLanguage(facts.defaultLocale);
  const number = facts.number;
  let title: string;
  if (event.kind === "viewed") {
    // The first name is how an owner speaks of a customer: "Sam opened invoice GL-2001".
    const name = facts.customerName.trim().split(/\s+/)[0] ?? "";
    title = name ? fill(t.push_viewed, { name, number }) : fill(t.push_viewed_unnamed, { number });
  } else if (event.kind === "paid") {
    // As the owner app formats money: in the business's locale when the notice speaks its
    // language ("en-US" keeps "$533.49"), else in the notice's language.
    const locale = languageOf(facts.defaultLocale) === lang ? facts.defaultLocale : lang;
    const amount = formatMoney(facts.amount ?? 0, facts.currency ?? "USD", locale);
    title = fill(t.push_paid, { number, amount });
  } else if (event.kind === "bank_failed") {
    title = fill(t.push_bank_failed, { number });
  } else {
    title = fill(t.push_disputed, { number });
  }
  return {
    title,
    body: "",
    url: `/app/invoices/${facts.invoiceId}`,
    tag: `${event.kind}-${facts.invoiceId}`,
  };
}

/** Reads what the notice needs and sends it; an invoice or payment gone meanwhile sends none. */
export async function notifyOwnerOf(
  db: Db,
  notify: (businessId: string, notice: OwnerNotice) => Promise<void>,
  event: OwnerEvent,
): Promise<void> {
  const facts = await factsOf(db, event);
  if (facts) await notify(facts.businessId, noticeFor(event, facts));
}
