import { ar } from "./catalogues/ar";
import { de } from "./catalogues/de";
import { en, type Messages } from "./catalogues/en";
import { es } from "./catalogues/es";
import { fr } from "./catalogues/fr";
import { pt } from "./catalogues/pt";

// The message catalogues for every text a customer reads: the page, the PDF, the not-found and
// revoked pages and the text message with the link; one file per language in catalogues/.
// Placeholders are {name}; `fill` replaces them. English is the fallback for any language
// without a catalogue.

export type { Messages };
export type MessageKey = keyof Messages;

const catalogues: Record<string, Messages> = { en, es, fr, pt, de, ar };

/** Languages written right to left, whose pages are laid out right to left. */
const RIGHT_TO_LEFT = new Set(["ar"]);

export const SUPPORTED_LANGUAGES = Object.keys(catalogues);

/** The language part of a locale ("es-MX" → "es"), falling back to English. */
export function languageOf(locale: string): string {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? "en";
  // Own keys only: `in` would also find "constructor" or "__proto__" from a client's header.
  return Object.hasOwn(catalogues, language) ? language : "en";
}

/**
 * The catalogue language a browser prefers most, from its Accept-Language header
 * ("fr-CH, fr;q=0.9, es;q=0.8" → "es"); English when it accepts none we have. For pages that
 * have no invoice to take a locale from (not found).
 */
export function acceptedLanguage(header: string | undefined): string {
  const choices = (header ?? "")
    .split(",")
    .slice(0, 32)
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return {
        language: tag.split(/[-_]/)[0]?.trim().toLowerCase() ?? "",
        q: q ? Number(q) : 1,
        index,
      };
    })
    .filter((choice) => choice.q > 0 && Object.hasOwn(catalogues, choice.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return choices[0]?.language ?? "en";
}

/** The direction of a catalogue language's text, for the page's `dir`. */
export function directionOf(language: string): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(languageOf(language)) ? "rtl" : "ltr";
}

export function messagesFor(locale: string): Messages {
  return catalogues[languageOf(locale)] ?? en;
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
