import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { invoices } from "../../../db/schema";
import { AppError } from "../../http/errors";
import { decimalToMinor } from "../../i18n/decimal-to-minor";
import { decodeCursor } from "../../invoices/list-cursor";
import { recordPayment } from "../../invoices/record-payment";
import { revokeLink } from "../../invoices/send-invoice";
import { shareInvoice } from "../../invoices/share-invoice";
import { voidInvoice } from "../../invoices/void-invoice";
import { readOwnerDetail } from "../../owners/detail-read";
import { type DetailExtras, detailView } from "../../owners/detail-view";
import { LIST_FILTERS, type ListFilterName, readOwnerList } from "../../owners/list-read";
import { listView } from "../../owners/list-view";
import type { OwnerPage } from "../../views/owner-page-model";
import { paymentBody } from "../api/schemas/action-input";
import { validationError } from "../api/validation";
import { requireSession, SIGN_IN_PATH } from "./guard";
import { errorsOf } from "./invoice-form";
import { noticeText } from "./notices";
import type { OwnerEnv } from "./owner-env";
import { labels, messagePage, redirectWith, renderOwner } from "./page";
import { presentedSessionHash } from "./session-cookie";

// The invoice list, the detail page and the detail's actions. Pages read once (session check
// included); actions check the session, call the same verb as the owner API, then redirect.

export const invoicePages = new Hono<OwnerEnv>();

const PAGE_SIZE = 25;

export function notFound(c: Context<OwnerEnv>) {
  const { t } = labels(c);
  return messagePage(c, 404, t.notFoundTitle, t.notFoundBody, { href: "/app", label: t.invoices });
}

invoicePages.get("/", async (c) => {
  const hash = await presentedSessionHash(c);
  if (!hash) return c.redirect(SIGN_IN_PATH, 303);
  const { t, lang } = labels(c);
  const filterParam = c.req.query("filter") ?? "all";
  const filter = (LIST_FILTERS as readonly string[]).includes(filterParam)
    ? (filterParam as ListFilterName)
    : "all";
  const search = (c.req.query("q") ?? "").trim().slice(0, 100);
  let cursor = null;
  try {
    const after = c.req.query("after");
    cursor = after ? decodeCursor(after) : null;
  } catch {
    cursor = null;
  }
  const list = await readOwnerList(c.var.db, {
    sessionHash: hash,
    filter,
    search,
    cursor,
    limit: PAGE_SIZE,
    now: c.var.now(),
  });
  if (!list) return c.redirect(SIGN_IN_PATH, 303);
  const view = await listView(list, {
    t,
    lang,
    filter,
    search,
    paged: cursor !== null,
    config: c.var.config,
  });
  return renderOwner(c, 200, view, {
    title: t.invoices,
    businessName: list.session.business.name,
    nav: "invoices",
    notice: noticeText(c.req.query("done"), t),
  });
});

/** The detail page, from one read; also shown again, with its errors, after a refused action. */
async function showDetail(
  c: Context<OwnerEnv>,
  status: OwnerPage["status"],
  extras: DetailExtras & { notice?: string } = {},
) {
  const hash = await presentedSessionHash(c);
  if (!hash) return c.redirect(SIGN_IN_PATH, 303);
  const { t, lang } = labels(c);
  const read = await readOwnerDetail(c.var.db, {
    sessionHash: hash,
    invoiceId: c.req.param("id") ?? "",
    now: c.var.now(),
  });
  if (!read) return c.redirect(SIGN_IN_PATH, 303);
  const { detail } = read;
  if (!detail) return notFound(c);
  const view = await detailView(
    { ...read, detail },
    { t, lang, config: c.var.config, now: c.var.now(), extras },
  );
  return renderOwner(c, status, view, {
    title: `${view.number} · ${t.invoices}`,
    businessName: read.session.business.name,
    nav: "invoices",
    notice: extras.notice ?? noticeText(c.req.query("done"), t),
  });
}

invoicePages.get("/invoices/:id", (c) => showDetail(c, 200));

invoicePages.get("/invoices/:id/qr", async (c) => {
  const hash = await presentedSessionHash(c);
  if (!hash) return c.redirect(SIGN_IN_PATH, 303);
  const { t, lang } = labels(c);
  const read = await readOwnerDetail(c.var.db, {
    sessionHash: hash,
    invoiceId: c.req.param("id"),
    now: c.var.now(),
  });
  if (!read) return c.redirect(SIGN_IN_PATH, 303);
  if (!read.detail) return notFound(c);
  const view = await detailView(
    { ...read, detail: read.detail },
    { t, lang, config: c.var.config, now: c.var.now() },
  );
  if (!view.share) return c.redirect(`/app/invoices/${view.id}`, 303);
  const { renderSVG } = await import("uqr");
  return renderOwner(
    c,
    200,
    {
      name: "qr",
      backHref: `/app/invoices/${view.id}`,
      heading: t.qrTitle.replace("{number}", view.number),
      svg: renderSVG(view.share.url, { border: 2 }),
      url: view.share.url,
    },
    { title: view.number, businessName: read.session.business.name, nav: "invoices" },
  );
});

// Actions. Each checks the session, then calls the owner API's verb for the signed-in business.
const actions = new Hono<OwnerEnv>();

function refused(c: Context<OwnerEnv>, error: unknown) {
  if (error instanceof AppError && error.code === "not_found") return notFound(c);
  if (error instanceof AppError && error.status < 500) {
    return showDetail(c, error.status === 422 ? 422 : 400, { notice: error.message });
  }
  throw error;
}

function share(c: Context<OwnerEnv>, newLink: boolean) {
  const { config } = c.var;
  return shareInvoice(c.var.db, {
    businessId: c.var.owner.businessId,
    invoiceId: c.req.param("id") ?? "",
    newLink,
    signingSecret: config.SIGNING_SECRET,
    baseUrl: config.PUBLIC_BASE_URL,
    now: c.var.now(),
  });
}

const detailPath = (c: Context) => `/app/invoices/${encodeURIComponent(c.req.param("id") ?? "")}`;

actions.post("/invoices/:id/send", requireSession, async (c) => {
  try {
    await share(c, false);
  } catch (error) {
    return refused(c, error);
  }
  return redirectWith(c, detailPath(c), "sent");
});

actions.post("/invoices/:id/link", requireSession, async (c) => {
  try {
    await share(c, true);
  } catch (error) {
    return refused(c, error);
  }
  return redirectWith(c, detailPath(c), "link_renewed");
});

actions.post("/invoices/:id/revoke", requireSession, async (c) => {
  try {
    await revokeLink(c.var.db, {
      businessId: c.var.owner.businessId,
      invoiceId: c.req.param("id"),
      now: c.var.now(),
    });
  } catch (error) {
    return refused(c, error);
  }
  return redirectWith(c, detailPath(c), "link_revoked");
});

actions.post("/invoices/:id/void", requireSession, async (c) => {
  try {
    await voidInvoice(c.var, {
      businessId: c.var.owner.businessId,
      invoiceId: c.req.param("id"),
      now: c.var.now(),
    });
  } catch (error) {
    return refused(c, error);
  }
  return redirectWith(c, detailPath(c), "voided");
});

actions.post("/invoices/:id/payments", requireSession, async (c) => {
  const form = await c.req.parseBody();
  const values = {
    amount: String(form.amount ?? ""),
    method: String(form.method ?? ""),
    reference: String(form.reference ?? ""),
    date: String(form.date ?? ""),
  };
  const { t } = labels(c);
  const [invoice] = await c.var.db
    .select({ currency: invoices.currency })
    .from(invoices)
    .where(eq(invoices.id, c.req.param("id")));
  const again = (errors: Record<string, string>) =>
    showDetail(c, 422, { payment: { values, errors }, notice: t.fixErrors });
  let amount: number;
  try {
    amount = decimalToMinor(values.amount, invoice?.currency ?? "USD");
  } catch {
    return again({ amount: t.mustBeAmount });
  }
  const parsed = paymentBody.safeParse(
    {
      amount,
      method: values.method,
      ...(values.reference.trim() ? { reference: values.reference } : {}),
      ...(values.date.trim() ? { date: values.date.trim() } : {}),
    },
    { reportInput: true },
  );
  if (!parsed.success) return again(errorsOf(validationError(parsed.error.issues)));
  try {
    await recordPayment(c.var, {
      businessId: c.var.owner.businessId,
      invoiceId: c.req.param("id"),
      amount: parsed.data.amount,
      method: parsed.data.method,
      reference: parsed.data.reference ?? "",
      date: parsed.data.date,
      now: c.var.now(),
    });
  } catch (error) {
    if (error instanceof AppError && error.details?.length) return again(errorsOf(error));
    return refused(c, error);
  }
  return redirectWith(c, detailPath(c), "payment_recorded");
});

invoicePages.route("/", actions);
