import { type Context, Hono } from "hono";
import type { Business } from "../../../db/schema";
import { createApiKey } from "../../businesses/create-api-key";
import { LOGO_TYPES, type LogoType } from "../../businesses/image-type";
import { removeLogo } from "../../businesses/remove-logo";
import { revokeApiKey } from "../../businesses/revoke-api-key";
import { MAX_LOGO_BYTES, setLogo } from "../../businesses/set-logo";
import { updateBusiness } from "../../businesses/update-business";
import { AppError } from "../../http/errors";
import { formatInstantDate } from "../../i18n/format";
import { readDevices, readKeys, readSettings, removePasskey } from "../../owners/account-reads";
import { ownerLocale } from "../../owners/formatting";
import { paymentsBadge } from "../../owners/payments-setup-view";
import { endSession } from "../../owners/sessions";
import { createSetupLink, setupUrl } from "../../owners/setup-links";
import { contrastRatio, textColorOn } from "../../views/business-view";
import type { FieldError } from "../../views/owner-page-model";
import { createKeyBody } from "../api/schemas/action-input";
import { toBusinessChanges, updateBusinessBody } from "../api/schemas/business-input";
import { validationError } from "../api/validation";
import { appOrigin, requireSession, SIGN_IN_PATH } from "./guard";
import { errorsOf } from "./invoice-form";
import { noticeText } from "./notices";
import type { OwnerEnv } from "./owner-env";
import { labels, redirectWith, renderOwner } from "./page";
import { paymentsStateOf } from "./payments-routes";
import { presentedSessionHash } from "./session-cookie";

// Business settings, API keys and devices (passkeys and signed-in sessions). Settings and keys
// are validated by the owner API's schemas and saved by its verbs.

export const accountPages = new Hono<OwnerEnv>();

const SETTINGS_FIELDS = [
  "name",
  "address",
  "phone",
  "email",
  "website",
  "brand_color",
  "accent_color",
  "default_currency",
  "default_locale",
  "timezone",
] as const;

function settingsValues(b: Business): Record<string, string> {
  return {
    name: b.name,
    address: b.address,
    phone: b.phone,
    email: b.email,
    website: b.website,
    brand_color: b.brandColor,
    accent_color: b.accentColor,
    default_currency: b.defaultCurrency,
    default_locale: b.defaultLocale,
    timezone: b.timezone,
  };
}

function showSettings(
  c: Context<OwnerEnv>,
  status: 200 | 422,
  business: Business,
  values: Record<string, string>,
  errors: FieldError,
) {
  const { t } = labels(c);
  const hex = (v: string | undefined, fallback: string) =>
    /^#[0-9a-f]{6}$/i.test(v ?? "") ? (v as string).toLowerCase() : fallback;
  const brand = hex(values.brand_color, business.brandColor);
  const accent = hex(values.accent_color, business.accentColor);
  const onBrand = textColorOn(brand);
  const warnings: string[] = [];
  for (const ratio of [contrastRatio(brand, onBrand), contrastRatio(accent, "#ffffff")]) {
    if (ratio < 4.5) warnings.push(t.contrastWarning.replace("{ratio}", ratio.toFixed(1)));
  }
  return renderOwner(
    c,
    status,
    {
      name: "settings",
      values,
      errors,
      logoUrl: business.logoUrl,
      plan: t[`plan_${business.plan}`],
      payments: paymentsBadge(paymentsStateOf(c, business), business.plan, t),
      preview: { name: values.name || business.name, brand, onBrand, accent },
      warnings,
    },
    {
      title: t.settings,
      businessName: business.name,
      nav: "settings",
      notice: status === 422 ? t.fixErrors : noticeText(c.req.query("done"), t),
    },
  );
}

accountPages.get("/settings", async (c) => {
  const hash = await presentedSessionHash(c);
  const session = hash
    ? await readSettings(c.var.db, { sessionHash: hash, now: c.var.now() })
    : null;
  if (!session) return c.redirect(SIGN_IN_PATH, 303);
  return showSettings(c, 200, session.business, settingsValues(session.business), {});
});

accountPages.post("/settings", requireSession, async (c) => {
  const { owner } = c.var;
  const form = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const field of SETTINGS_FIELDS)
    values[field] = typeof form[field] === "string" ? (form[field] as string) : "";
  const parsed = updateBusinessBody.safeParse(
    { ...values, address: values.address?.replace(/\r\n/g, "\n") },
    { reportInput: true },
  );
  if (!parsed.success) {
    return showSettings(
      c,
      422,
      owner.business,
      values,
      errorsOf(validationError(parsed.error.issues)),
    );
  }
  const logo = form.logo;
  const upload = logo instanceof File && logo.size > 0 ? logo : null;
  if (upload && (!LOGO_TYPES.includes(upload.type as LogoType) || upload.size > MAX_LOGO_BYTES)) {
    return showSettings(c, 422, owner.business, values, { logo: labels(c).t.logo });
  }
  try {
    await updateBusiness(c.var.db, {
      businessId: owner.businessId,
      changes: toBusinessChanges(parsed.data),
      now: c.var.now(),
    });
    if (upload) {
      await setLogo(c.var.db, {
        businessId: owner.businessId,
        contentType: upload.type as LogoType,
        bytes: new Uint8Array(await upload.arrayBuffer()),
        now: c.var.now(),
      });
    } else if (form.remove_logo === "1") {
      await removeLogo(c.var.db, { businessId: owner.businessId, now: c.var.now() });
    }
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      return showSettings(c, 422, owner.business, values, {
        ...errorsOf(error),
        logo: error.message,
      });
    }
    throw error;
  }
  return redirectWith(c, "/app/settings", "saved");
});

async function showKeys(
  c: Context<OwnerEnv>,
  extras: { newKey?: string; errors?: FieldError } = {},
) {
  const hash = await presentedSessionHash(c);
  const read = hash ? await readKeys(c.var.db, { sessionHash: hash, now: c.var.now() }) : null;
  if (!read) return c.redirect(SIGN_IN_PATH, 303);
  const { t, lang } = labels(c);
  const business = read.session.business;
  const day = (at: Date) => formatInstantDate(at, ownerLocale(business, lang), business.timezone);
  return renderOwner(
    c,
    extras.errors && Object.keys(extras.errors).length ? 422 : 200,
    {
      name: "keys",
      newKey: extras.newKey ?? null,
      keys: read.keys.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        created: t.created_on.replace("{date}", day(k.createdAt)),
        lastUsed: k.lastUsedAt ? t.lastUsed.replace("{date}", day(k.lastUsedAt)) : null,
      })),
      errors: extras.errors ?? {},
    },
    {
      title: t.apiKeys,
      businessName: business.name,
      nav: "keys",
      notice: noticeText(c.req.query("done"), t),
    },
  );
}

accountPages.get("/keys", (c) => showKeys(c));

accountPages.post("/keys", requireSession, async (c) => {
  const form = await c.req.parseBody();
  const parsed = createKeyBody.safeParse({ name: typeof form.name === "string" ? form.name : "" });
  if (!parsed.success)
    return showKeys(c, { errors: errorsOf(validationError(parsed.error.issues)) });
  const { key } = await createApiKey(c.var.db, {
    businessId: c.var.owner.businessId,
    name: parsed.data.name ?? "",
    now: c.var.now(),
  });
  // Shown once, on this answer only (never in a URL); the list keeps only its prefix.
  return showKeys(c, { newKey: key });
});

accountPages.post("/keys/:id/revoke", requireSession, async (c) => {
  await revokeApiKey(c.var.db, {
    businessId: c.var.owner.businessId,
    keyId: c.req.param("id"),
    currentKeyId: null,
    now: c.var.now(),
  });
  return redirectWith(c, "/app/keys", "key_revoked");
});

async function showDevices(
  c: Context<OwnerEnv>,
  extras: { setup?: { url: string; svg: string }; error?: string } = {},
) {
  const hash = await presentedSessionHash(c);
  const read = hash ? await readDevices(c.var.db, { sessionHash: hash, now: c.var.now() }) : null;
  if (!read) return c.redirect(SIGN_IN_PATH, 303);
  const { t, lang } = labels(c);
  const business = read.session.business;
  const day = (at: Date) => formatInstantDate(at, ownerLocale(business, lang), business.timezone);
  return renderOwner(
    c,
    extras.error ? 400 : 200,
    {
      name: "devices",
      passkeys: read.passkeys.map((p) => ({
        id: p.id,
        name: p.name,
        created: t.created_on.replace("{date}", day(p.createdAt)),
        lastUsed: p.lastUsedAt ? t.lastUsed.replace("{date}", day(p.lastUsedAt)) : null,
      })),
      sessions: read.sessions.map((s) => ({
        id: s.id,
        label: t[`kind_${s.clientKind}`],
        created: t.created_on.replace("{date}", day(s.createdAt)),
        current: s.id === read.session.sessionId,
      })),
      setupLink: extras.setup ?? null,
      error: extras.error ?? null,
    },
    {
      title: t.devices,
      businessName: business.name,
      nav: "devices",
      notice: extras.error ?? noticeText(c.req.query("done"), t),
    },
  );
}

accountPages.get("/devices", (c) => showDevices(c));

// Another device: a one-time link (and its QR code) shown on this answer only.
accountPages.post("/devices/setup-link", requireSession, async (c) => {
  const { token } = await createSetupLink(c.var.db, {
    businessId: c.var.owner.businessId,
    now: c.var.now(),
  });
  const url = setupUrl(appOrigin(c).origin, token);
  const { renderSVG } = await import("uqr");
  return showDevices(c, { setup: { url, svg: renderSVG(url, { border: 2 }) } });
});

accountPages.post("/passkeys/:id/remove", requireSession, async (c) => {
  const result = await removePasskey(c.var.db, {
    businessId: c.var.owner.businessId,
    passkeyId: c.req.param("id"),
    now: c.var.now(),
  });
  if (result === "not_found") throw new AppError("not_found", "Passkey not found");
  if (result === "last") return showDevices(c, { error: labels(c).t.lastPasskey });
  return redirectWith(c, "/app/devices", "passkey_removed");
});

accountPages.post("/sessions/:id/end", requireSession, async (c) => {
  const ended = await endSession(c.var.db, {
    businessId: c.var.owner.businessId,
    sessionId: c.req.param("id"),
    now: c.var.now(),
  });
  if (!ended) throw new AppError("not_found", "Session not found");
  return redirectWith(c, "/app/devices", "session_ended");
});
