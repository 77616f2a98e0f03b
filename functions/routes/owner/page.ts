import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { ownerLanguage } from "../../i18n/owner-messages";
import type { OwnerChrome, OwnerPage, OwnerView } from "../../views/owner-page-model";

type Chrome = Partial<Omit<OwnerChrome, "lang" | "t" | "nonce">> & { title: string };

/** The language and labels for this request (the owner's browser decides). */
// biome-ignore lint/suspicious/noExplicitAny: any app env that extends AppEnv (owner routes add `owner`).
type AnyContext = Context<any>;

export function labels(c: AnyContext) {
  return ownerLanguage(c.req.header("Accept-Language"));
}

/** Renders an owner page model through Astro. */
export function renderOwner(
  c: AnyContext,
  status: OwnerPage["status"],
  view: OwnerView,
  chrome: Chrome,
) {
  const { lang, t } = labels(c);
  const page: OwnerPage = {
    kind: "owner",
    status,
    chrome: {
      lang,
      t,
      nonce: c.var.scriptNonce,
      businessName: null,
      nav: null,
      notice: null,
      ...chrome,
    },
    view,
  };
  return (c as Context<AppEnv>).var.renderPage(c, page);
}

/** A plain message page (not found, refused, unavailable). */
export function messagePage(
  c: AnyContext,
  status: OwnerPage["status"],
  heading: string,
  body: string,
  link: { href: string; label: string } | null = null,
) {
  return renderOwner(c, status, { name: "message", heading, body, link }, { title: heading });
}

/** After a form post: back to a page with a short confirmation (POST, then redirect). */
export function redirectWith(c: Context, path: string, notice?: string) {
  const url = notice ? `${path}${path.includes("?") ? "&" : "?"}done=${notice}` : path;
  return c.redirect(url, 303);
}
