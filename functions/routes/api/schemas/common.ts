import { z } from "zod";
import { hasBidiControl, withoutBidiControls } from "../../../i18n/bidi";
import { isKnownCurrency } from "../../../i18n/format";

// Building blocks shared by the request schemas. Conventions: JSON keys are snake_case; money is
// an integer in minor units of the invoice's currency; quantities and rates are exact decimals
// given as strings ("1.5", "8.875") or plain JSON numbers, stored in thousandths.

/** The largest amount of money (minor units) accepted anywhere: 999,999,999,999. */
export const MAX_MONEY = 999_999_999_999;

/** Whether text holds control characters (other than tab and line breaks when allowed) or
 * broken UTF-16 (a lone surrogate from a JSON `\ud800` escape), which no page or PDF can show. */
export function hasUnprintable(text: string, multiline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d || code === 0x09) {
      if (!multiline) return true;
    } else if (code < 0x20 || code === 0x7f) {
      return true;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}

const oneLine = (text: z.ZodString, max: number) =>
  text
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasUnprintable(v, false), "must be one line without control characters");

/** One line of text: trimmed, at most `max` characters, no line breaks or control characters. */
export const line = (max: number) => oneLine(z.string(), max);

/**
 * A name that goes into the ready-to-text message (the business's, the customer's): like `line`,
 * with bidi embeddings, overrides and isolates dropped, since in plain text they could reorder
 * what follows, up to the link. Dropped rather than refused: names pasted from a contact card or
 * a chat app often come wrapped in invisible isolates, and an owner could not see what to fix.
 */
export const nameLine = (max: number) => oneLine(z.string().overwrite(withoutBidiControls), max);

/**
 * An identifier the owner's own system keeps (the invoice number): bidi embeddings, overrides and
 * isolates are refused, not dropped, because "GL-\u202E1002" displays as "GL-2001" and silently
 * storing another number than the one sent would break matching it later.
 */
export const identifierLine = (max: number) =>
  line(max).refine(
    (v) => !hasBidiControl(v),
    "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)",
  );

/** Free text that keeps its line breaks (notes, terms, addresses, descriptions). */
export const paragraph = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasUnprintable(v, true), "must not contain control characters");

export const money = z
  .number({ error: "must be an integer amount in minor units (cents)" })
  .int("must be an integer amount in minor units (cents)")
  .min(0, "must not be negative")
  .max(MAX_MONEY, `must be at most ${MAX_MONEY}`);

/**
 * An exact decimal with up to three places, as a string or a JSON number, parsed to an integer
 * count of thousandths ("8.875" → 8875). `min`/`max` are in thousandths too.
 */
export function thousandths(options: { min: number; minExclusive?: boolean; max: number }) {
  const limits = `${options.minExclusive ? "greater than" : "at least"} ${options.min / 1000}`;
  return z
    .union([z.string(), z.number()], { error: "must be a decimal number or a decimal string" })
    .transform((value, ctx) => {
      const text = typeof value === "number" ? String(value) : value.trim();
      const match = /^(-?)(\d{1,12})(?:\.(\d+))?$/.exec(text);
      const fail = (message: string) => {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      };
      if (!match) return fail('must be a decimal number such as "1.5"');
      const [, sign, whole = "0", fraction = ""] = match;
      if (fraction.length > 3) return fail("must have at most 3 decimal places");
      const amount = Number(whole) * 1000 + Number(fraction.padEnd(3, "0"));
      const scaled = sign && amount !== 0 ? -amount : amount;
      const tooSmall = options.minExclusive ? scaled <= options.min : scaled < options.min;
      if (sign && amount !== 0 && options.min >= 0) return fail("must not be negative");
      if (tooSmall || scaled > options.max) {
        return fail(`must be ${limits} and at most ${options.max / 1000}`);
      }
      return scaled;
    });
}

/** A percentage in (0, 100], as thousandths of a percent (12.5% → 12500). */
export const percentRate = thousandths({ min: 0, minExclusive: true, max: 100_000 }).meta({
  description: 'A percentage greater than 0 and at most 100, e.g. "12.5".',
  examples: ["50", "12.5"],
});

/** A tax rate in [0, 100], as thousandths of a percent (8.875% → 8875). */
export const taxRate = thousandths({ min: 0, max: 100_000 }).meta({
  description: 'A percentage from 0 to 100 with up to 3 decimals, e.g. "8.875".',
  examples: ["8.875"],
});

/**
 * The calendar days accepted for issue, due and payment dates. A real invoice or payment lies
 * well inside this century; a year like 0001 or 9999 is a typo or a placeholder, and years below
 * 100 are where JavaScript's Date quietly turns 0001 into 1901. Written YYYY-MM-DD, so the days
 * compare as strings.
 */
export const FIRST_DAY = "2000-01-01";
export const LAST_DAY = "2099-12-31";

export const calendarDay = z.iso
  .date({ error: "must be a real calendar date written YYYY-MM-DD" })
  .refine(
    (day) => day >= FIRST_DAY && day <= LAST_DAY,
    `must be a date from ${FIRST_DAY} to ${LAST_DAY}`,
  )
  .meta({
    description: `A calendar day, YYYY-MM-DD, from ${FIRST_DAY} to ${LAST_DAY}.`,
    examples: ["2026-11-25"],
  });

export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO 4217 currency code")
  .transform((v) => v.toUpperCase())
  .refine(isKnownCurrency, "is not a known ISO 4217 currency")
  .meta({ examples: ["USD", "EUR"] });

export const localeTag = z
  .string()
  .max(35, "must be at most 35 characters")
  .transform((value, ctx) => {
    try {
      const canonical = Intl.getCanonicalLocales(value)[0];
      if (canonical) return canonical;
    } catch {
      // Reported below.
    }
    ctx.addIssue({ code: "custom", message: "must be a BCP 47 language tag such as en-US" });
    return z.NEVER;
  })
  .meta({ examples: ["en-US", "es-MX"] });

/**
 * Whether Intl knows the zone by an IANA name ("UTC", "America/Chicago", links such as
 * "Asia/Calcutta"). Intl.DateTimeFormat also takes fixed offsets ("+05:00", "-0800") and then
 * resolves to the offset itself; those are refused, since they ignore daylight saving time and
 * "today" (so "overdue") would be an hour off for half the year. Intl.supportedValuesOf is not
 * used: it lists canonical zones only, without "UTC" or "Asia/Kolkata".
 */
export function isIanaTimeZone(zone: string): boolean {
  if (zone === "") return false;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions();
    return /^[A-Za-z]/.test(resolved.timeZone);
  } catch {
    return false;
  }
}

export const timeZone = z
  .string()
  .max(64, "must be at most 64 characters")
  .refine((zone) => !/^[+\-\u2212]\d/.test(zone), {
    message: "must be an IANA time zone such as America/Chicago, not a fixed offset",
    abort: true,
  })
  .refine(isIanaTimeZone, "must be an IANA time zone such as America/Chicago")
  .meta({
    description: 'An IANA time zone name such as "America/Chicago" or "UTC"; not a fixed offset.',
    examples: ["America/Los_Angeles"],
  });

export const hexColor = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/, "must be a hex colour such as #1f4fd1")
  .transform((v) => (v.length === 4 ? `#${[...v.slice(1)].map((c) => c + c).join("")}` : v))
  .transform((v) => v.toLowerCase())
  .meta({ examples: ["#1f4fd1"] });

export const emailAddress = z.union([
  z.literal(""),
  z.email("must be an email address").max(254, "must be at most 254 characters"),
]);

export const phoneNumber = line(40).refine(
  (v) => /^[\d\s+().\-/#*xext]*$/i.test(v),
  "must be a phone number (digits, spaces and + ( ) - . only)",
);
