import { currencyDigits } from "./format";

/** "12.50" USD → 1250 minor units; refuses more decimals than the currency has. */
export function decimalToMinor(text: string, currency: string): number {
  const digits = currencyDigits(currency);
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not an amount like 12.50`);
  const [, whole = "0", fraction = ""] = match;
  if (fraction.length > digits) {
    throw new Error(`${currency} amounts have at most ${digits} decimal places`);
  }
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}
