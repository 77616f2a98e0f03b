import { isDatabaseUnavailable } from "../http/errors";
import { type CheckoutDeps, startCheckout } from "../payments/start-checkout";
import { notFoundPage, revokedPage } from "../views/link-pages";
import type { ErrorPage, RevokedPage } from "../views/page-model";

// Pay Now behind a secret link: where the customer goes after tapping the button. Either a
// redirect (to Checkout, or back to the invoice, which says why there is nothing to pay or
// offers a retry) or the same 404/410 page that opening the link shows.

export type PayNowAnswer =
  | { kind: "redirect"; location: string }
  | { kind: "page"; page: ErrorPage | RevokedPage };

export interface PayNowInput {
  token: string;
  acceptLanguage: string | undefined;
}

export async function payNow(deps: CheckoutDeps, input: PayNowInput): Promise<PayNowAnswer> {
  const portal = `/p/${input.token}`;
  const back = (location: string): PayNowAnswer => ({ kind: "redirect", location });
  let result: Awaited<ReturnType<typeof startCheckout>>;
  try {
    result = await startCheckout(deps, { token: input.token });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // Each write is one atomic batch, so nothing is half-done: back to the page to try again.
    console.error("Pay Now failed, the database is unavailable:", error);
    return back(`${portal}?checkout=retry`);
  }
  switch (result.kind) {
    case "not_found":
      return { kind: "page", page: notFoundPage(input.acceptLanguage) };
    case "revoked":
      return { kind: "page", page: revokedPage(result.link) };
    case "checkout":
      return back(result.url);
    // Already paid, processing, void, or not payable online: the page says which.
    case "not_payable":
      return back(portal);
    // Being prepared by another click, or Stripe failed: back to the page, which offers a retry.
    case "busy":
    case "stripe_failed":
      return back(`${portal}?checkout=retry`);
  }
}
