import { invalid, notFound } from "./errors";
import type { FormObject } from "./form";
import { clone, type Metadata, stripeId } from "./objects";
import type { FakeStripeStore } from "./store";
import { str } from "./validate";

// Stripe Connect as far as onboarding goes: accounts created by the platform with `controller`
// properties, Account Links to Stripe's hosted onboarding (here a small local page), and
// `account.updated` once onboarding is done. Accounts belong to the platform; their events go
// to the Connect endpoint (they carry `account`).

export interface AccountJson {
  id: string;
  object: "account";
  charges_enabled: boolean;
  controller: {
    fees: { payer: string };
    losses: { payments: string };
    requirement_collection: string;
    stripe_dashboard: { type: string };
    is_controller: true;
    type: "application";
  };
  country: string;
  created: number;
  default_currency: string;
  details_submitted: boolean;
  email: string | null;
  metadata: Metadata;
  payouts_enabled: boolean;
  requirements: {
    currently_due: string[];
    eventually_due: string[];
    past_due: string[];
    disabled_reason: string | null;
  };
}

export interface AccountLinkJson {
  object: "account_link";
  created: number;
  expires_at: number;
  url: string;
}

export interface StoredLink {
  account: string;
  returnUrl: string;
  refreshUrl: string;
  expiresAt: number;
  used: boolean;
}

// What Stripe asks of a new account before it may charge, in the fake: always the same list.
const ONBOARDING_DUE = [
  "business_profile.url",
  "business_type",
  "external_account",
  "representative.first_name",
  "tos_acceptance.date",
];

function param(form: FormObject, name: string): FormObject {
  const value = form[name];
  if (value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw invalid(`Invalid object: ${name}`, name);
  return value as FormObject;
}

export class FakeConnect {
  readonly accounts = new Map<string, AccountJson>();
  readonly links = new Map<string, StoredLink>();

  constructor(
    private readonly store: FakeStripeStore,
    private readonly baseUrl: () => string,
    private readonly now: () => number,
  ) {}

  /** `POST /v1/accounts`: the `controller` properties say who pays fees and bears losses. */
  createAccount(params: FormObject): AccountJson {
    for (const name of Object.keys(params)) {
      if (!["controller", "country", "email", "metadata", "default_currency"].includes(name)) {
        throw invalid(`Received unknown parameter: ${name}`, name, "parameter_unknown");
      }
    }
    const controller = param(params, "controller");
    const dashboard =
      str(param(controller, "stripe_dashboard").type, "controller[stripe_dashboard][type]") ??
      "full";
    if (!["full", "express", "none"].includes(dashboard)) {
      throw invalid(`Invalid controller[stripe_dashboard][type]: ${dashboard}`, "controller");
    }
    const account: AccountJson = {
      id: stripeId("acct", 16),
      object: "account",
      charges_enabled: false,
      controller: {
        fees: {
          payer: str(param(controller, "fees").payer, "controller[fees][payer]") ?? "account",
        },
        losses: {
          payments:
            str(param(controller, "losses").payments, "controller[losses][payments]") ?? "stripe",
        },
        requirement_collection:
          str(controller.requirement_collection, "controller[requirement_collection]") ?? "stripe",
        stripe_dashboard: { type: dashboard },
        is_controller: true,
        type: "application",
      },
      country: str(params.country, "country") ?? "US",
      created: this.now(),
      default_currency: str(params.default_currency, "default_currency") ?? "usd",
      details_submitted: false,
      email: str(params.email, "email") ?? null,
      metadata: Object.fromEntries(
        Object.entries(param(params, "metadata")).map(([k, v]) => [k, String(v)]),
      ),
      payouts_enabled: false,
      requirements: {
        currently_due: [...ONBOARDING_DUE],
        eventually_due: [...ONBOARDING_DUE],
        past_due: [],
        disabled_reason: "requirements.past_due",
      },
    };
    this.accounts.set(account.id, account);
    // The platform may act on it at once (`Stripe-Account`).
    this.store.accounts.add(account.id);
    return clone(account);
  }

  account(id: string): AccountJson {
    const found = this.accounts.get(id);
    if (!found) throw notFound("account", id, "account");
    return clone(found);
  }

  /** `POST /v1/account_links`: a single-use link to onboarding, valid for a few minutes. */
  createLink(params: FormObject): AccountLinkJson {
    const account = str(params.account, "account");
    if (!account) throw invalid("Missing required param: account.", "account", "parameter_missing");
    this.account(account);
    const type = str(params.type, "type");
    if (type !== "account_onboarding" && type !== "account_update") {
      throw invalid(`Invalid type: ${type ?? ""}`, "type");
    }
    const returnUrl = str(params.return_url, "return_url");
    const refreshUrl = str(params.refresh_url, "refresh_url");
    if (!returnUrl || !refreshUrl) {
      throw invalid(
        "Missing required param: return_url and refresh_url.",
        "return_url",
        "parameter_missing",
      );
    }
    const id = stripeId("acctlink", 20);
    const created = this.now();
    const link: StoredLink = {
      account,
      returnUrl,
      refreshUrl,
      expiresAt: created + 300,
      used: false,
    };
    this.links.set(id, link);
    return {
      object: "account_link",
      created,
      expires_at: link.expiresAt,
      url: `${this.baseUrl()}/onboarding/${id}`,
    };
  }

  /**
   * The owner finishes onboarding on the hosted page: Stripe has what it needs, the account can
   * charge and be paid out, and `account.updated` goes to the Connect endpoint.
   */
  completeOnboarding(linkId: string): { returnUrl: string } {
    const link = this.links.get(linkId);
    if (!link) throw notFound("account_link", linkId, "account_link");
    const account = this.accounts.get(link.account);
    if (!account) throw notFound("account", link.account, "account");
    link.used = true;
    Object.assign(account, {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: { currently_due: [], eventually_due: [], past_due: [], disabled_reason: null },
    });
    this.store.emit("account.updated", { ...account }, account.id);
    return { returnUrl: link.returnUrl };
  }

  /** A link already used or expired sends the owner to its refresh URL, as Stripe does. */
  linkState(linkId: string): "open" | "refresh" | "missing" {
    const link = this.links.get(linkId);
    if (!link) return "missing";
    return link.used || this.now() > link.expiresAt ? "refresh" : "open";
  }

  refreshUrl(linkId: string): string | null {
    return this.links.get(linkId)?.refreshUrl ?? null;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function onboardingPage(linkId: string, accountId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Fake Stripe onboarding</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
button{display:block;width:100%;margin:.5rem 0;padding:.8rem;font-size:1rem}</style></head><body>
<h1>Set up payments</h1><p>Test mode: account <code>${escapeHtml(accountId)}</code>. Stripe would ask
for the business's details and bank account here.</p>
<form method="post" action="/onboarding/${escapeHtml(linkId)}"><button type="submit">Complete onboarding</button></form>
</body></html>`;
}
