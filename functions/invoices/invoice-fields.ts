import type { Invoice, LineItem } from "../../db/schema";

// What an owner may set on an invoice, in storage units (money in minor units, quantities in
// thousandths, rates in thousandths of a percent), independent of how the API spells it.

export interface ItemInput {
  description: string;
  quantity: number;
  unitPrice: number;
}

export type AmountInput =
  | { mode: "items"; items: ItemInput[] }
  | { mode: "fixed"; amount: number }
  | { mode: "percent"; rate: number; base: number; label?: string };

export interface InvoiceChanges {
  number?: string;
  customerName?: string;
  customerEmail?: string;
  customerPhone?: string;
  issueDate?: string;
  dueDate?: string;
  currency?: string;
  locale?: string;
  amount?: AmountInput;
  /** null removes the tax. */
  tax?: { rate: number; label?: string } | null;
  /** null removes the discount. */
  discount?: { kind: "amount" | "percent"; value: number } | null;
  notes?: string;
  terms?: string;
}

export type NewInvoice = InvoiceChanges & { number: string; amount: AmountInput };

/** The invoice columns an owner controls. */
export type EditableColumns = Pick<
  Invoice,
  | "number"
  | "customerName"
  | "customerEmail"
  | "customerPhone"
  | "issueDate"
  | "dueDate"
  | "currency"
  | "locale"
  | "amountMode"
  | "fixedAmount"
  | "percentRate"
  | "percentBase"
  | "percentLabel"
  | "taxRate"
  | "taxLabel"
  | "discountKind"
  | "discountValue"
  | "notes"
  | "terms"
>;

type ItemFacts = Pick<LineItem, "description" | "quantity" | "unitPrice">;

/** Applies changes to the current columns and items; unchanged parts are kept as they are. */
export function applyChanges(
  current: EditableColumns,
  currentItems: ItemFacts[],
  changes: InvoiceChanges,
): { columns: EditableColumns; items: ItemFacts[]; itemsChanged: boolean } {
  const columns: EditableColumns = { ...current };
  const set = <K extends keyof EditableColumns>(key: K, value: EditableColumns[K] | undefined) => {
    if (value !== undefined) columns[key] = value;
  };
  set("number", changes.number);
  set("customerName", changes.customerName);
  set("customerEmail", changes.customerEmail);
  set("customerPhone", changes.customerPhone);
  set("issueDate", changes.issueDate);
  set("dueDate", changes.dueDate);
  set("currency", changes.currency);
  set("locale", changes.locale);
  set("notes", changes.notes);
  set("terms", changes.terms);
  if (changes.tax !== undefined) {
    columns.taxRate = changes.tax?.rate ?? 0;
    columns.taxLabel = changes.tax?.label ?? "";
  }
  if (changes.discount !== undefined) {
    columns.discountKind = changes.discount?.kind ?? "none";
    columns.discountValue = changes.discount?.value ?? 0;
  }

  let items = currentItems;
  const amount = changes.amount;
  if (amount) {
    columns.amountMode = amount.mode;
    columns.fixedAmount = amount.mode === "fixed" ? amount.amount : null;
    columns.percentRate = amount.mode === "percent" ? amount.rate : null;
    columns.percentBase = amount.mode === "percent" ? amount.base : null;
    columns.percentLabel = amount.mode === "percent" ? (amount.label ?? "") : "";
    // Only an items invoice has items; switching mode drops them.
    items = amount.mode === "items" ? amount.items : [];
  }
  return { columns, items, itemsChanged: amount !== undefined };
}

/** Columns of a new invoice before any change is applied. */
export function blankColumns(defaults: {
  number: string;
  issueDate: string;
  currency: string;
  locale: string;
}): EditableColumns {
  return {
    ...defaults,
    dueDate: defaults.issueDate,
    customerName: "",
    customerEmail: "",
    customerPhone: "",
    amountMode: "items",
    fixedAmount: null,
    percentRate: null,
    percentBase: null,
    percentLabel: "",
    taxRate: 0,
    taxLabel: "",
    discountKind: "none",
    discountValue: 0,
    notes: "",
    terms: "",
  };
}
