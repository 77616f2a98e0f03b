import type { Db } from "../../db/client";
import {
  apiKeys,
  type Business,
  businesses,
  type Invoice,
  invoices,
  type LineItem,
  lineItems,
  type Payment,
  payments,
} from "../../db/schema";
import { newApiKey, newId, sha256Hex } from "../../functions/domain/tokens";

// Factories, not fixtures: each test states only what it cares about; everything else gets a
// plausible default with a unique suffix so tests never collide in one database.

let sequence = 0;

/** A short suffix unique within this process. */
export function unique(): string {
  sequence += 1;
  return `${Date.now().toString(36)}${sequence.toString(36)}`;
}

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function makeBusiness(
  db: Db,
  overrides: Partial<typeof businesses.$inferInsert> = {},
): Promise<Business> {
  const [row] = await db
    .insert(businesses)
    .values({ id: newId("biz"), name: `Business ${unique()}`, ...overrides })
    .returning();
  if (!row) throw new Error("makeBusiness inserted nothing");
  return row;
}

export async function makeApiKey(
  db: Db,
  options: { businessId: string } & Partial<Omit<typeof apiKeys.$inferInsert, "keyHash">>,
): Promise<{ key: string; row: ApiKeyRow }> {
  const key = newApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId("key"),
      name: `key ${unique()}`,
      prefix: key.slice(0, 14),
      keyHash: await sha256Hex(key),
      ...options,
    })
    .returning();
  if (!row) throw new Error("makeApiKey inserted nothing");
  return { key, row };
}

/** A business with a working API key, and the headers that authenticate as it. */
export async function makeOwner(
  db: Db,
  overrides: Partial<typeof businesses.$inferInsert> = {},
): Promise<{ business: Business; key: string; headers: Record<string, string> }> {
  const business = await makeBusiness(db, overrides);
  const { key } = await makeApiKey(db, { businessId: business.id });
  return { business, key, headers: { Authorization: `Bearer ${key}` } };
}

export type ItemSpec = { description?: string; quantity?: number; unitPrice?: number };

/**
 * An invoice row written directly (no verb), a draft by default, with one line item unless
 * `items` says otherwise. Quantities are thousandths and money is minor units, as stored.
 */
export async function makeInvoice(
  db: Db,
  options: { businessId: string; items?: ItemSpec[] } & Partial<typeof invoices.$inferInsert>,
): Promise<{ invoice: Invoice; items: LineItem[] }> {
  const { items: itemSpecs, ...overrides } = options;
  const id = overrides.id ?? newId("inv");
  const specs = itemSpecs ?? (overrides.amountMode && overrides.amountMode !== "items" ? [] : [{}]);
  const [invoice] = await db
    .insert(invoices)
    .values({
      id,
      number: `INV-${unique()}`,
      customerName: "Sam Rivera",
      issueDate: "2026-11-20",
      dueDate: "2026-12-20",
      currency: "USD",
      locale: "en-US",
      ...overrides,
    })
    .returning();
  if (!invoice) throw new Error("makeInvoice inserted nothing");
  const items = specs.length
    ? await db
        .insert(lineItems)
        .values(
          specs.map((spec, position) => ({
            id: newId("li"),
            invoiceId: id,
            position,
            description: spec.description ?? `Service ${position + 1}`,
            quantity: spec.quantity ?? 1000,
            unitPrice: spec.unitPrice ?? 10_000,
          })),
        )
        .returning()
    : [];
  return { invoice, items };
}

export async function makePayment(
  db: Db,
  options: { invoiceId: string } & Partial<typeof payments.$inferInsert>,
): Promise<Payment> {
  const [row] = await db
    .insert(payments)
    .values({
      id: newId("pay"),
      provider: "offline",
      method: "cash",
      status: "succeeded",
      amount: 10_000,
      currency: "USD",
      invoiceVersion: 1,
      completedAt: new Date("2026-11-24T12:00:00Z"),
      ...options,
    })
    .returning();
  if (!row) throw new Error("makePayment inserted nothing");
  return row;
}
