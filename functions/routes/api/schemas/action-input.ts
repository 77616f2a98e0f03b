import { z } from "zod";
import { INVOICE_STATUSES } from "../../../../db/schema";
import { OWNER_STATES } from "../../../invoices/owner-status";
import { OFFLINE_METHODS } from "../../../invoices/record-payment";
import { calendarDay, FIRST_DAY, line, money } from "./common";

// Bodies of the smaller actions, and the invoice list's query string.

export const createKeyBody = z.strictObject({
  name: line(100)
    .optional()
    .meta({ examples: ["Accounting system"] }),
});

export const sendBody = z.strictObject({
  new_link: z
    .boolean()
    .optional()
    .meta({ description: "Issue a fresh link and revoke the active one (New Link)." }),
});

export const paymentBody = z.strictObject({
  amount: money
    .min(1, "must be greater than 0")
    .meta({ description: "Minor units; at most the balance due." }),
  method: z.enum(OFFLINE_METHODS),
  reference: line(200)
    .optional()
    .meta({ examples: ["Check #2211"] }),
  date: calendarDay.optional().meta({
    description: `The day the money was received, from ${FIRST_DAY}; today if absent. Not in the future.`,
  }),
});

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

export const listQuery = z.strictObject({
  status: z.enum(INVOICE_STATUSES).optional(),
  state: z.enum(OWNER_STATES).optional(),
  viewed: flag.optional(),
  paid: flag.optional(),
  overdue: flag.optional(),
  q: line(100).optional().meta({ description: "Part of the number, customer name or email." }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "must be a whole number from 1 to 100")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, "must be a whole number from 1 to 100")
    .optional(),
  cursor: z.string().max(200, "is not a valid cursor").optional(),
});
