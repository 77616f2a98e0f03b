import { computeTotals, type Totals } from "../domain/totals";
import { AppError, type ErrorDetail } from "../http/errors";
import type { EditableColumns } from "./invoice-fields";

/** The largest total an invoice may have, in minor units (999,999,999,999). */
export const MAX_TOTAL = 999_999_999_999;
export const MAX_ITEMS = 500;

/**
 * Rules that span fields, checked on the invoice as it will be stored (after defaults and edits
 * are applied), so a create and an edit are held to the same standard. Returns the totals.
 */
export function checkInvoice(
  columns: EditableColumns,
  items: { quantity: number; unitPrice: number }[],
): Totals {
  const problems: ErrorDetail[] = [];
  if (columns.dueDate < columns.issueDate) {
    problems.push({ path: "due_date", message: "must not be before the issue date" });
  }
  if (columns.amountMode === "items" && items.length > MAX_ITEMS) {
    problems.push({ path: "items", message: `must have at most ${MAX_ITEMS} items` });
  }
  let totals: Totals | null = null;
  try {
    totals = computeTotals({ ...columns, items });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  if (!totals || totals.total > MAX_TOTAL) {
    problems.push({ path: "total", message: `must be at most ${MAX_TOTAL} minor units` });
  } else if (columns.discountKind === "amount" && columns.discountValue > totals.subtotal) {
    problems.push({ path: "discount.amount", message: "must not be more than the subtotal" });
  }
  if (problems.length || !totals) {
    throw new AppError("validation_failed", "The invoice is not consistent", problems);
  }
  return totals;
}
