import { desc, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { invoices } from "../../../db/schema";
import { calendarDate, currencyDigits, formatMoney, isKnownCurrency } from "../../i18n/format";
import { createInvoice } from "../../invoices/create-invoice";
import { applyChanges, blankColumns } from "../../invoices/invoice-fields";
import { checkInvoice } from "../../invoices/invoice-rules";
import { updateInvoice } from "../../invoices/update-invoice";
import { readOwnerDetail } from "../../owners/detail-read";
import { ownerLocale } from "../../owners/formatting";
import { sessionBusinessId, sessionRead } from "../../owners/sessions";
import type { FieldError, OwnerPage } from "../../views/owner-page-model";
import { toInvoiceChanges, toNewInvoice } from "../api/schemas/invoice-input";
import { requireSession, SIGN_IN_PATH } from "./guard";
import {
  formOf,
  nextNumber,
  type ParsedForm,
  readForm,
  validateEdit,
  validateNew,
  verbErrors,
} from "./invoice-form";
import { notFound } from "./invoice-routes";
import type { OwnerEnv } from "./owner-env";
import { labels, redirectWith, renderOwner } from "./page";
import { presentedSessionHash } from "./session-cookie";

// New and edit invoice: plain forms posted back here, validated by the owner API's schemas and
// saved by its verbs. A refused form is shown again with the owner's input and the reasons.

export const formPages = new Hono<OwnerEnv>();

/** Blank rows to type into without a script (the script adds more). */
const SPARE_ROWS = 2;

function showForm(
  c: Context<OwnerEnv>,
  status: OwnerPage["status"],
  input: {
    action: string;
    heading: string;
    cancelHref: string;
    form: ParsedForm;
    errors: FieldError;
    business: string;
  },
) {
  const { t } = labels(c);
  const spare = Math.max(SPARE_ROWS, 3 - input.form.items.length);
  const items = [
    ...input.form.items,
    ...Array.from({ length: spare }, () => ({ description: "", quantity: "", unitPrice: "" })),
  ];
  const currency = (input.form.values.currency ?? "").toUpperCase();
  return renderOwner(
    c,
    status,
    {
      name: "invoice_form",
      action: input.action,
      heading: input.heading,
      cancelHref: input.cancelHref,
      values: input.form.values,
      items,
      errors: input.errors,
      currencyDigits: currencyDigits(isKnownCurrency(currency) ? currency : "USD"),
    },
    {
      title: input.heading,
      businessName: input.business,
      nav: "invoices",
      notice: Object.keys(input.errors).length ? t.fixErrors : null,
    },
  );
}

formPages.get("/invoices/new", async (c) => {
  const hash = await presentedSessionHash(c);
  if (!hash) return c.redirect(SIGN_IN_PATH, 303);
  const { db, now } = c.var;
  const [sessions, last] = await db.batch([
    sessionRead(db, hash, now()),
    db
      .select({ number: invoices.number })
      .from(invoices)
      .where(eq(invoices.businessId, sessionBusinessId(db, hash, now())))
      .orderBy(desc(invoices.createdAt), desc(invoices.id))
      .limit(100),
  ]);
  const session = sessions[0];
  if (!session) return c.redirect(SIGN_IN_PATH, 303);
  const { business } = session;
  const { t } = labels(c);
  return showForm(c, 200, {
    action: "/app/invoices",
    heading: t.newInvoice,
    cancelHref: "/app",
    business: business.name,
    errors: {},
    form: {
      values: {
        number: nextNumber(last.map((row) => row.number)),
        currency: business.defaultCurrency,
        locale: business.defaultLocale,
        issue_date: calendarDate(now(), business.timezone),
        amount_mode: "items",
        discount_kind: "none",
      },
      items: [],
    },
  });
});

formPages.get("/invoices/:id/edit", async (c) => {
  const hash = await presentedSessionHash(c);
  if (!hash) return c.redirect(SIGN_IN_PATH, 303);
  const read = await readOwnerDetail(c.var.db, {
    sessionHash: hash,
    invoiceId: c.req.param("id"),
    now: c.var.now(),
  });
  if (!read) return c.redirect(SIGN_IN_PATH, 303);
  if (!read.detail) return notFound(c);
  const { invoice, items } = read.detail;
  const { t } = labels(c);
  return showForm(c, 200, {
    action: `/app/invoices/${invoice.id}`,
    heading: t.editInvoice.replace("{number}", invoice.number),
    cancelHref: `/app/invoices/${invoice.id}`,
    business: read.session.business.name,
    errors: {},
    form: formOf(invoice, items),
  });
});

const writes = new Hono<OwnerEnv>();

async function postedForm(c: Context<OwnerEnv>): Promise<ParsedForm> {
  return readForm(await c.req.parseBody({ all: true }));
}

writes.post("/invoices", requireSession, async (c) => {
  const { t } = labels(c);
  const form = await postedForm(c);
  const again = (errors: FieldError) =>
    showForm(c, 422, {
      action: "/app/invoices",
      heading: t.newInvoice,
      cancelHref: "/app",
      business: c.var.owner.business.name,
      errors,
      form,
    });
  const checked = validateNew(form, t.mustBeAmount);
  if (!checked.ok) return again(checked.errors);
  let invoiceId: string;
  try {
    ({ invoiceId } = await createInvoice(c.var.db, {
      businessId: c.var.owner.businessId,
      invoice: toNewInvoice(checked.data),
      now: c.var.now(),
    }));
  } catch (error) {
    return again(verbErrors(error));
  }
  return redirectWith(c, `/app/invoices/${invoiceId}`, "created");
});

// The live total while typing: the form as it stands, through the same rules and totals
// function as a save. Answers no total while the form does not add up yet.
writes.post("/invoices/total", requireSession, async (c) => {
  const form = await postedForm(c);
  const checked = validateEdit(form, "");
  if (!checked.ok) return c.json({ total: null });
  const changes = toInvoiceChanges(checked.data);
  const { business } = c.var.owner;
  const currency = changes.currency ?? business.defaultCurrency;
  try {
    // As a create does: the due date defaults to the issue date.
    const issueDate = changes.issueDate ?? calendarDate(c.var.now(), business.timezone);
    const base = blankColumns({ number: "-", issueDate, currency, locale: "en-US" });
    const { columns, items } = applyChanges(base, [], changes);
    const totals = checkInvoice(columns, items);
    const locale = ownerLocale(business, labels(c).lang);
    return c.json({ total: formatMoney(totals.total, currency, locale) });
  } catch {
    return c.json({ total: null });
  }
});

writes.post("/invoices/:id", requireSession, async (c) => {
  const { t } = labels(c);
  const invoiceId = c.req.param("id");
  const form = await postedForm(c);
  const again = (errors: FieldError) =>
    showForm(c, 422, {
      action: `/app/invoices/${invoiceId}`,
      heading: t.editInvoice.replace("{number}", form.values.number ?? ""),
      cancelHref: `/app/invoices/${invoiceId}`,
      business: c.var.owner.business.name,
      errors,
      form,
    });
  const checked = validateEdit(form, t.mustBeAmount);
  if (!checked.ok) return again(checked.errors);
  try {
    await updateInvoice(c.var, {
      businessId: c.var.owner.businessId,
      invoiceId,
      changes: toInvoiceChanges(checked.data),
      now: c.var.now(),
    });
  } catch (error) {
    const errors = verbErrors(error);
    return again(errors);
  }
  return redirectWith(c, `/app/invoices/${invoiceId}`, "saved");
});

formPages.route("/", writes);
