import { withoutBidiControls } from "../i18n/bidi";
import { formatMoney } from "../i18n/format";
import { fill } from "../i18n/messages";
import type { OwnerMessages } from "../i18n/owner-messages";
import type { OwnerNotice } from "./owner-notice";

// The daily overdue digest as the owner reads it on their phone: how many invoices became
// overdue in the title, each one's number and balance in the body, opening the overdue list.

/** A notification shows a few lines; the rest are counted, and the list shows them all. */
const NAMED = 5;

/** The app's invoice list, filtered to what is overdue. */
export const OVERDUE_LIST_PATH = "/app?filter=overdue";

export function overdueDigestNotice(
  invoices: readonly { number: string; balanceDue: number; currency: string }[],
  owner: { t: OwnerMessages; locale: string; today: string },
): OwnerNotice {
  const { t, locale } = owner;
  const title =
    invoices.length === 1
      ? t.digestTitleOne
      : fill(t.digestTitleMany, { count: String(invoices.length) });
  const named = invoices
    .slice(0, NAMED)
    .map(
      (invoice) =>
        `${withoutBidiControls(invoice.number)} ${formatMoney(invoice.balanceDue, invoice.currency, locale)}`,
    );
  const rest = invoices.length - named.length;
  if (rest > 0) named.push(fill(t.digestMore, { count: String(rest) }));
  return {
    title,
    body: named.join(", "),
    url: OVERDUE_LIST_PATH,
    // One notice a day: a resent digest replaces that day's, yesterday's stays.
    tag: `overdue-${owner.today}`,
  };
}
