import { z } from "zod";
import type { InvoiceChanges, NewInvoice } from "../../../invoices/invoice-fields";
import { MAX_ITEMS } from "../../../invoices/invoice-rules";
import {
  calendarDay,
  currencyCode,
  emailAddress,
  identifierLine,
  line,
  localeTag,
  money,
  nameLine,
  paragraph,
  percentRate,
  phoneNumber,
  taxRate,
  thousandths,
} from "./common";

// Request bodies for creating and editing invoices. Exactly one amount mode per invoice: line
// `items`, a `fixed_amount`, or a `percent` of a base amount (a deposit).

const item = z.strictObject({
  description: paragraph(1000).refine((v) => v.trim() !== "", "must not be empty"),
  quantity: thousandths({ min: 0, minExclusive: true, max: 1_000_000_000 }).meta({
    description: 'Up to 3 decimals, as a string or number: "1.5" hours. Greater than 0.',
    examples: ["1", "1.5"],
  }),
  unit_price: money.meta({ description: "Minor units of the currency: 4500 is $45.00." }),
});

const percent = z.strictObject({
  rate: percentRate,
  base: money.meta({ description: "The amount the percentage is taken of, in minor units." }),
  label: line(60)
    .optional()
    .meta({ examples: ["deposit"] }),
});

const tax = z.strictObject({
  rate: taxRate,
  label: line(60)
    .optional()
    .meta({ examples: ["Sales tax"] }),
});

const discount = z
  .strictObject({
    amount: money.min(1, "must be greater than 0").optional(),
    percent: percentRate.optional(),
  })
  .refine((d) => (d.amount === undefined) !== (d.percent === undefined), {
    message: "give either amount (minor units) or percent, not both",
  })
  .meta({ description: "Either `{ amount }` in minor units or `{ percent }`." });

const customerFields = {
  name: nameLine(200).refine((v) => v !== "", "must not be empty"),
  email: emailAddress.optional(),
  phone: phoneNumber.optional(),
};

const fields = {
  number: identifierLine(40)
    .refine((v) => v !== "", "must not be empty")
    .meta({ description: "Unique within the business.", examples: ["GL-2001"] }),
  issue_date: calendarDay.optional(),
  due_date: calendarDay.optional(),
  currency: currencyCode.optional(),
  locale: localeTag.optional(),
  items: z
    .array(item)
    .min(1, "must have at least one item")
    .max(MAX_ITEMS, `must have at most ${MAX_ITEMS} items`)
    .optional(),
  fixed_amount: money.optional().meta({ description: "The whole amount due, in minor units." }),
  percent: percent.optional(),
  tax: tax.nullable().optional(),
  discount: discount.nullable().optional(),
  notes: paragraph(5000).optional(),
  terms: paragraph(2000).optional(),
};

type Fields = {
  items?: z.output<typeof item>[];
  fixed_amount?: number;
  percent?: z.output<typeof percent>;
  issue_date?: string;
  due_date?: string;
};

function amountModes(value: Fields): number {
  return [value.items, value.fixed_amount, value.percent].filter((v) => v !== undefined).length;
}

function datesInOrder(value: Fields): boolean {
  return !value.issue_date || !value.due_date || value.due_date >= value.issue_date;
}

export const createInvoiceBody = z
  .strictObject({ ...fields, customer: z.strictObject(customerFields) })
  .refine((v) => amountModes(v) === 1, {
    message: "give exactly one of items, fixed_amount or percent",
    path: ["items"],
  })
  .refine(datesInOrder, { message: "must not be before the issue date", path: ["due_date"] });

export const updateInvoiceBody = z
  .strictObject({
    ...fields,
    number: fields.number.optional(),
    customer: z.strictObject(customerFields).partial().optional(),
  })
  .refine((v) => amountModes(v) <= 1, {
    message: "give at most one of items, fixed_amount or percent",
    path: ["items"],
  })
  .refine(datesInOrder, { message: "must not be before the issue date", path: ["due_date"] });

type CreateBody = z.output<typeof createInvoiceBody>;
type UpdateBody = z.output<typeof updateInvoiceBody>;

/** From the API's spelling of an invoice to storage units. */
export function toInvoiceChanges(body: UpdateBody): InvoiceChanges {
  const changes: InvoiceChanges = {
    number: body.number,
    customerName: body.customer?.name,
    customerEmail: body.customer?.email,
    customerPhone: body.customer?.phone,
    issueDate: body.issue_date,
    dueDate: body.due_date,
    currency: body.currency,
    locale: body.locale,
    notes: body.notes,
    terms: body.terms,
  };
  if (body.items) {
    changes.amount = {
      mode: "items",
      items: body.items.map((i) => ({
        description: i.description,
        quantity: i.quantity,
        unitPrice: i.unit_price,
      })),
    };
  }
  if (body.fixed_amount !== undefined)
    changes.amount = { mode: "fixed", amount: body.fixed_amount };
  if (body.percent) changes.amount = { mode: "percent", ...body.percent };
  if (body.tax !== undefined) changes.tax = body.tax;
  if (body.discount !== undefined) {
    changes.discount = body.discount && {
      kind: body.discount.amount !== undefined ? "amount" : "percent",
      value: body.discount.amount ?? body.discount.percent ?? 0,
    };
  }
  return changes;
}

export function toNewInvoice(body: CreateBody): NewInvoice {
  const changes = toInvoiceChanges(body);
  if (!changes.amount) throw new Error("A validated invoice always has an amount");
  return { ...changes, number: body.number, amount: changes.amount };
}
