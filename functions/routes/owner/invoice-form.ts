import type { z } from "zod";
import type { Invoice, LineItem } from "../../../db/schema";
import { AppError } from "../../http/errors";
import { decimalToMinor } from "../../i18n/decimal-to-minor";
import { currencyDigits, isKnownCurrency, minorToDecimal } from "../../i18n/format";
import type { FieldError, FormItem } from "../../views/owner-page-model";
import { createInvoiceBody, updateInvoiceBody } from "../api/schemas/invoice-input";
import { validationError } from "../api/validation";

// The invoice form, read into the owner API's request shape and validated by the API's own
// schemas, so the app and the API accept exactly the same invoices. Errors come back keyed by
// form field, to be shown beside it with the owner's input kept.

export type FormValues = Record<string, string>;

export interface ParsedForm {
  values: FormValues;
  items: FormItem[];
}

const FIELDS = [
  "number",
  "customer_name",
  "customer_email",
  "customer_phone",
  "issue_date",
  "due_date",
  "currency",
  "locale",
  "amount_mode",
  "fixed_amount",
  "percent_rate",
  "percent_base",
  "percent_label",
  "tax_rate",
  "tax_label",
  "discount_kind",
  "discount_value",
  "notes",
  "terms",
] as const;

const text = (value: unknown) => (typeof value === "string" ? value : "");
const list = (value: unknown) => (Array.isArray(value) ? value.map(text) : [text(value)]);

/** The form's fields as typed (blank item rows dropped). */
export function readForm(body: Record<string, unknown>): ParsedForm {
  const values: FormValues = {};
  for (const field of FIELDS) values[field] = text(body[field]);
  const descriptions = list(body.item_description);
  const quantities = list(body.item_quantity);
  const prices = list(body.item_unit_price);
  const items: FormItem[] = [];
  for (let i = 0; i < Math.min(descriptions.length, 600); i++) {
    const item = {
      description: descriptions[i] ?? "",
      quantity: quantities[i] ?? "",
      unitPrice: prices[i] ?? "",
    };
    if (item.description.trim() || item.quantity.trim() || item.unitPrice.trim()) items.push(item);
  }
  return { values, items };
}

/** An issue path of the API's body ("items.0.unit_price") as the form field it concerns. */
export function fieldOf(path: string): string {
  const item = /^items\.(\d+)\.(description|quantity|unit_price)$/.exec(path);
  if (item) return `item_${item[2]}.${item[1]}`;
  if (path.startsWith("customer.")) return `customer_${path.slice(9)}`;
  if (path.startsWith("percent.")) return `percent_${path.slice(8)}`;
  if (path.startsWith("tax.")) return `tax_${path.slice(4)}`;
  if (path.startsWith("discount")) return "discount_value";
  return path;
}

export function errorsOf(error: AppError): FieldError {
  const errors: FieldError = {};
  for (const detail of error.details ?? []) {
    const field = fieldOf(detail.path);
    errors[field] ??= detail.message;
  }
  if (error.code === "duplicate_number") errors.number = error.message;
  if (Object.keys(errors).length === 0) errors.form = error.message;
  return errors;
}

/** The API request body for the form, and the amounts that could not be read as money. */
function toBody(form: ParsedForm, mustBeAmount: string) {
  const { values: v } = form;
  const problems: FieldError = {};
  const currency = isKnownCurrency(v.currency?.toUpperCase() ?? "")
    ? (v.currency ?? "").toUpperCase()
    : "USD";
  const minor = (field: string, value: string): number | undefined => {
    if (value.trim() === "") return undefined;
    try {
      return decimalToMinor(value, currency);
    } catch {
      problems[field] = mustBeAmount;
      return 0;
    }
  };
  const body: Record<string, unknown> = {
    number: v.number,
    customer: { name: v.customer_name, email: v.customer_email, phone: v.customer_phone },
    notes: v.notes?.replace(/\r\n/g, "\n"),
    terms: v.terms?.replace(/\r\n/g, "\n"),
  };
  for (const [key, field] of [
    ["issue_date", "issue_date"],
    ["due_date", "due_date"],
    ["currency", "currency"],
    ["locale", "locale"],
  ] as const) {
    if (v[field]?.trim()) body[key] = v[field]?.trim();
  }
  if (v.amount_mode === "fixed") {
    body.fixed_amount = minor("fixed_amount", v.fixed_amount ?? "");
  } else if (v.amount_mode === "percent") {
    body.percent = {
      rate: v.percent_rate,
      base: minor("percent_base", v.percent_base ?? ""),
      label: v.percent_label,
    };
  } else {
    body.items = form.items.map((item, i) => ({
      description: item.description,
      quantity: item.quantity,
      unit_price: minor(`item_unit_price.${i}`, item.unitPrice),
    }));
  }
  const rate = v.tax_rate?.trim() ?? "";
  body.tax = rate === "" || Number(rate) === 0 ? null : { rate, label: v.tax_label };
  const discount = v.discount_value?.trim() ?? "";
  if (v.discount_kind === "amount" && discount) {
    body.discount = { amount: minor("discount_value", discount) };
  } else if (v.discount_kind === "percent" && discount) {
    body.discount = { percent: discount };
  } else {
    body.discount = null;
  }
  return { body, problems };
}

function validate<S extends z.ZodType>(schema: S, form: ParsedForm, mustBeAmount: string) {
  const { body, problems } = toBody(form, mustBeAmount);
  const result = schema.safeParse(body, { reportInput: true });
  const errors: FieldError = result.success ? {} : errorsOf(validationError(result.error.issues));
  Object.assign(errors, problems);
  if (Object.keys(errors).length > 0) return { ok: false as const, errors };
  return { ok: true as const, data: result.data as z.output<S> };
}

export const validateNew = (form: ParsedForm, mustBeAmount: string) =>
  validate(createInvoiceBody, form, mustBeAmount);
export const validateEdit = (form: ParsedForm, mustBeAmount: string) =>
  validate(updateInvoiceBody, form, mustBeAmount);

/** A verb's refusal as form errors; anything else is not the form's business. */
export function verbErrors(error: unknown): FieldError {
  if (error instanceof AppError && error.status < 500 && error.code !== "not_found") {
    return errorsOf(error);
  }
  throw error;
}

const thousandths = (value: number) => minorToDecimal(value, 3).replace(/\.?0+$/, "");

/** The form filled from a stored invoice (for editing). */
export function formOf(invoice: Invoice, items: LineItem[]): ParsedForm {
  const digits = currencyDigits(invoice.currency);
  const money = (value: number | null) => (value === null ? "" : minorToDecimal(value, digits));
  return {
    values: {
      number: invoice.number,
      customer_name: invoice.customerName,
      customer_email: invoice.customerEmail,
      customer_phone: invoice.customerPhone,
      issue_date: invoice.issueDate,
      due_date: invoice.dueDate,
      currency: invoice.currency,
      locale: invoice.locale,
      amount_mode: invoice.amountMode,
      fixed_amount: money(invoice.fixedAmount),
      percent_rate: invoice.percentRate === null ? "" : thousandths(invoice.percentRate),
      percent_base: money(invoice.percentBase),
      percent_label: invoice.percentLabel,
      tax_rate: invoice.taxRate ? thousandths(invoice.taxRate) : "",
      tax_label: invoice.taxLabel,
      discount_kind: invoice.discountKind,
      discount_value:
        invoice.discountKind === "amount"
          ? money(invoice.discountValue)
          : invoice.discountKind === "percent"
            ? thousandths(invoice.discountValue)
            : "",
      notes: invoice.notes,
      terms: invoice.terms,
    },
    items: items.map((item) => ({
      description: item.description,
      quantity: thousandths(item.quantity),
      unitPrice: money(item.unitPrice),
    })),
  };
}

/**
 * The next number in a business's sequence: of its recent numbers, the one whose final digits
 * are highest, plus one ("GL-2009" → "GL-2010"), so an invoice created out of order is no trap.
 */
export function nextNumber(recent: string[]): string {
  let best: { head: string; digits: string; tail: string; value: number } | null = null;
  for (const number of recent) {
    const match = /^(.*?)(\d{1,15})(\D*)$/.exec(number);
    if (!match) continue;
    const [, head = "", digits = "", tail = ""] = match;
    const value = Number(digits);
    if (!best || value > best.value) best = { head, digits, tail, value };
  }
  if (!best) return recent.length ? `${recent[0]}-2` : "1001";
  const next = String(best.value + 1).padStart(best.digits.length, "0");
  return `${best.head}${next}${best.tail}`;
}
