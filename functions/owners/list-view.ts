import { openToken } from "../domain/token-seal";
import type { Config } from "../env";
import { formatDate, formatMoney } from "../i18n/format";
import type { OwnerMessages } from "../i18n/owner-messages";
import { encodeCursor } from "../invoices/list-cursor";
import { portalUrl } from "../invoices/preview-link";
import type { ListView } from "../views/owner-page-model";
import { ownerLocale, stateBadge } from "./formatting";
import { LIST_FILTERS, type ListedInvoice, type ListFilterName, type OwnerList } from "./list-read";
import { reminderSms } from "./reminder-sms";

function listHref(filter: string, search: string, cursor?: string): string {
  const params = new URLSearchParams();
  if (filter !== "all") params.set("filter", filter);
  if (search) params.set("q", search);
  if (cursor) params.set("after", cursor);
  const query = params.toString();
  return query ? `/app?${query}` : "/app";
}

/** "Text a reminder" for a listed invoice that is overdue and has an active link, else null. */
async function reminderOf(
  row: ListedInvoice,
  businessName: string,
  config: Pick<Config, "SIGNING_SECRET" | "PUBLIC_BASE_URL">,
): Promise<string | null> {
  if (!row.status.overdue || !row.tokenSealed) return null;
  const token = await openToken(config.SIGNING_SECRET, row.tokenSealed);
  if (!token) return null;
  return reminderSms(row.invoice, {
    businessName: row.sentAs ?? businessName,
    balanceDue: row.status.ledger.balanceDue,
    url: portalUrl(config.PUBLIC_BASE_URL, token),
  });
}

export async function listView(
  list: OwnerList,
  input: {
    t: OwnerMessages;
    lang: string;
    filter: ListFilterName;
    search: string;
    paged: boolean;
    config: Pick<Config, "SIGNING_SECRET" | "PUBLIC_BASE_URL">;
  },
): Promise<ListView> {
  const { t, filter, search } = input;
  const business = list.session.business;
  const locale = ownerLocale(business, input.lang);
  // The business's own currency first, then any other an invoice was written in.
  const currencies = [...list.outstanding.keys()].sort((a, b) =>
    a === business.defaultCurrency ? -1 : b === business.defaultCurrency ? 1 : a.localeCompare(b),
  );
  if (currencies.length === 0) currencies.push(business.defaultCurrency);
  const reminders = await Promise.all(
    list.rows.map((row) => reminderOf(row, business.name, input.config)),
  );
  return {
    name: "list",
    outstanding: currencies.map((currency) => {
      const sums = list.outstanding.get(currency) ?? { due: 0, overdue: 0 };
      return {
        currency,
        due: formatMoney(sums.due, currency, locale),
        overdue: formatMoney(sums.overdue, currency, locale),
      };
    }),
    filters: LIST_FILTERS.map((name) => ({
      name,
      label: t[`filter_${name}`],
      href: listHref(name, search),
      current: name === filter,
    })),
    search,
    filter,
    rows: list.rows.map(({ invoice, status }, i) => ({
      href: `/app/invoices/${invoice.id}`,
      number: invoice.number,
      customer: invoice.customerName,
      total: formatMoney(status.ledger.total, invoice.currency, locale),
      balance:
        status.state === "void" || status.ledger.balanceDue === 0
          ? null
          : formatMoney(status.ledger.balanceDue, invoice.currency, locale),
      due: formatDate(invoice.dueDate, locale),
      state: stateBadge(status.state, t),
      viewed: status.viewed,
      reminderHref: reminders[i] ?? null,
    })),
    nextHref: list.next ? listHref(filter, search, encodeCursor(list.next)) : null,
    firstHref: input.paged ? listHref(filter, search) : null,
  };
}
