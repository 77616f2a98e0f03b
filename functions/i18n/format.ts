// Locale-aware formatting of money, dates, quantities and rates through Intl. Money arrives as
// integer minor units and is turned into a decimal string, never a float, before formatting.

const numberFormats = new Map<string, Intl.NumberFormat>();

function cached(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = make();
    numberFormats.set(key, format);
  }
  return format;
}

/** A locale Intl accepts, or en-US: bad data must never break a page. */
export function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? "en-US";
  } catch {
    return "en-US";
  }
}

export function isKnownCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf("currency").includes(code);
}

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  return cached(
    `c|${locale}|${currency}`,
    () => new Intl.NumberFormat(locale, { style: "currency", currency }),
  );
}

// Every amount on a page asks; resolvedOptions() builds a new object each time.
const digitsOf = new Map<string, number>();

/** Digits after the decimal point in a currency's minor unit: 2 for USD, 0 for JPY. */
export function currencyDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    digits = currencyFormat("en-US", currency).resolvedOptions().maximumFractionDigits ?? 2;
    digitsOf.set(currency, digits);
  }
  return digits;
}

/** Integer minor units as an exact decimal string: 123456 USD → "1234.56". */
export function minorToDecimal(amount: number, digits: number): string {
  const negative = amount < 0;
  const text = Math.abs(Math.trunc(amount))
    .toString()
    .padStart(digits + 1, "0");
  const whole = digits ? text.slice(0, -digits) : text;
  const fraction = digits ? `.${text.slice(-digits)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  const decimal = minorToDecimal(amount, currencyDigits(currency));
  // Intl accepts exact decimal strings; the cast bridges older lib typings.
  return currencyFormat(locale, currency).format(decimal as unknown as number);
}

/** A quantity stored in thousandths: 1500 → "1.5". */
export function formatQuantity(quantity: number, locale: string): string {
  const format = cached(
    `q|${locale}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }),
  );
  return format.format(minorToDecimal(quantity, 3) as unknown as number);
}

/** A rate in thousandths of a percent: 8875 → "8.875%". */
export function formatRate(rate: number, locale: string): string {
  const format = cached(
    `r|${locale}`,
    () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 3 }),
  );
  return format.format(minorToDecimal(rate, 5) as unknown as number);
}

// Making a DateTimeFormat costs far more than using one (a few hundred microseconds against a
// few): one per locale, kept (a locale Intl refuses throws before it is kept, as before).
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD) in the locale's medium style, the same day everywhere. */
export function formatDate(isoDate: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

/** An instant as a calendar date in a time zone, formatted like formatDate. */
export function formatInstantDate(instant: Date, locale: string, timeZone: string): string {
  return formatDate(calendarDate(instant, timeZone), locale);
}

// Every page, PDF and list row needs "today" in the business's time zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
    } catch {
      // Not kept: the map holds real zones only, so odd input cannot grow it.
      return dayFormat("UTC");
    }
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone; UTC if the zone is unknown. */
export function calendarDate(instant: Date, timeZone: string): string {
  return dayFormat(timeZone).format(instant);
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

function hourFormat(timeZone: string): Intl.DateTimeFormat {
  let format = hourFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" });
    } catch {
      // Not kept: the map holds real zones only, so odd input cannot grow it.
      return hourFormat("UTC");
    }
    hourFormats.set(timeZone, format);
  }
  return format;
}

/** The hour (0–23) an instant shows on the clocks of a time zone; UTC's if the zone is unknown. */
export function localHour(instant: Date, timeZone: string): number {
  return Number(hourFormat(timeZone).format(instant));
}
