// The invoice's locale, as one of the values Checkout accepts for `locale` (API reference,
// Checkout Session `locale`). Anything Checkout does not know becomes "auto", which lets
// Checkout follow the customer's browser rather than fail the session.

const SUPPORTED = new Set(
  "bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hi-IN hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW".split(
    " ",
  ),
);

/**
 * Regions whose Spanish is Latin American (the region code 419 itself, Latin America and the
 * Caribbean, and the United States): Checkout's "es-419" rather than Spain's "es".
 */
const LATIN_AMERICA = new Set(
  "419 AR BO CL CO CR CU DO EC GT HN MX NI PA PE PR PY SV US UY VE".split(" "),
);

export type CheckoutLocale = string;

export function checkoutLocale(locale: string): CheckoutLocale {
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(locale.replace(/_/g, "-"));
  } catch {
    return "auto";
  }
  const language = parsed.language;
  const region = parsed.region;
  if (language === "zh") {
    // Traditional script (Taiwan, Hong Kong, Macao) versus simplified.
    if (region === "HK" || region === "MO") return "zh-HK";
    if (region === "TW" || parsed.script === "Hant") return "zh-TW";
    return "zh";
  }
  const exact = region ? `${language}-${region}` : language;
  if (SUPPORTED.has(exact)) return exact;
  if (language === "es" && region && LATIN_AMERICA.has(region)) return "es-419";
  if (language === "no" || language === "nn") return "nb";
  if (language === "tl") return "fil";
  if (language === "hi") return "hi-IN";
  return SUPPORTED.has(language) ? language : "auto";
}
