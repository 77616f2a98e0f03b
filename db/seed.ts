import { count } from "drizzle-orm";
import { newId } from "../functions/domain/tokens";
import type { Db } from "../functions/http/db";
import { createInvoice } from "../functions/invoices/create-invoice";
import type { AmountInput, InvoiceChanges } from "../functions/invoices/invoice-fields";
import { revokeLink, sendInvoice } from "../functions/invoices/send-invoice";
import { voidInvoice } from "../functions/invoices/void-invoice";
import { demoLogoPng } from "./demo-logo";
import { businesses, logoImages, payments } from "./schema";

// Demo data for local development: a Free and a Pro business, invoices in every amount mode and
// state, and the secret links to open them (returned, since only hashes are stored).

export interface DemoLink {
  label: string;
  business: string;
  number: string;
  token: string;
  revoked: boolean;
}

type ItemSpec = [description: string, quantity: number, unitPrice: number];

function isoDay(now: Date, offsetDays: number): string {
  return new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const LAWN_ITEMS: ItemSpec[] = [
  ["Spring clean-up: leaves, branches and beds", 1000, 18500],
  ["Lawn mowing (per visit)", 4000, 4500],
  ["Hedge trimming, front and back", 2500, 6000],
  ["Mulch, dark brown (cubic yards), delivered and spread along the driveway beds", 3000, 5200],
];

const PLUMBING_ITEMS: ItemSpec[] = [
  ["Emergency call-out, weekend", 1000, 12500],
  ["Labour (hours)", 2500, 9500],
  ["Replace kitchen mixer tap — chrome, single lever, with ceramic cartridge", 1000, 18900],
  ["Copper pipe 15 mm (metres)", 3500, 1250],
  ["Compression fittings", 6000, 325],
];

// Written right to left: the page mirrors, and the PDF shapes and orders the Arabic.
const ARABIC_ITEMS: ItemSpec[] = [
  ["زيارة طارئة لإصلاح تسرب المياه", 1000, 45000],
  ["استبدال سخان المياه (يشمل القطع والتركيب)", 1000, 180000],
  ["أجرة العمل (ساعات)", 3000, 15000],
];

const TWENTY_ITEMS: ItemSpec[] = Array.from({ length: 20 }, (_, i) => [
  `Mantenimiento mensual ${i + 1}: revisión de calentador, válvulas y tuberías de la vivienda`,
  1000 + (i % 3) * 500,
  45000 + i * 1250,
]);

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(businesses);
  return (row?.n ?? 0) === 0;
}

export async function seedDemo(
  db: Db,
  signingSecret: string,
  now = new Date(),
): Promise<DemoLink[]> {
  const proId = newId("biz");
  const freeId = newId("biz");
  const logoId = newId("logo");
  await db.batch([
    db.insert(businesses).values({
      id: proId,
      name: "Zoë Müller Plumbing & Heating",
      address: "1208 Harbor Street\nSuite 4\nOakland, CA 94607",
      phone: "(510) 555-0142",
      email: "billing@mueller-plumbing.example",
      website: "mueller-plumbing.example",
      brandColor: "#0e7490",
      accentColor: "#0f172a",
      logoUrl: `/logos/${logoId}`,
      plan: "pro",
      timezone: "America/Los_Angeles",
    }),
    db.insert(logoImages).values({
      id: logoId,
      businessId: proId,
      contentType: "image/png",
      bytes: demoLogoPng("#0e7490"),
    }),
    db.insert(businesses).values({
      id: freeId,
      name: "Greenleaf Landscaping",
      address: "88 Orchard Lane\nPortland, OR 97201",
      phone: "+1 503 555 0199",
      email: "hello@greenleaf.example",
      website: "https://greenleaf.example",
      brandColor: "#3f7d20",
      accentColor: "#14532d",
      plan: "free",
      timezone: "America/Los_Angeles",
    }),
  ]);

  const links: DemoLink[] = [];
  const create = async (spec: {
    label: string;
    businessId: string;
    businessName: string;
    number: string;
    invoice: Omit<InvoiceChanges, "number" | "amount">;
    amount?: AmountInput;
    items?: ItemSpec[];
    after?: (invoiceId: string) => Promise<void>;
    revoke?: boolean;
  }) => {
    const items = (spec.items ?? []).map(([description, quantity, unitPrice]) => ({
      description,
      quantity,
      unitPrice,
    }));
    const { invoiceId } = await createInvoice(db, {
      businessId: spec.businessId,
      invoice: {
        number: spec.number,
        issueDate: isoDay(now, -7),
        dueDate: isoDay(now, 23),
        currency: "USD",
        locale: "en-US",
        amount: spec.amount ?? { mode: "items", items },
        ...spec.invoice,
      },
      now,
    });
    const sent = await sendInvoice(db, {
      businessId: spec.businessId,
      invoiceId,
      newLink: false,
      signingSecret,
      now,
    });
    await spec.after?.(invoiceId);
    if (spec.revoke) await revokeLink(db, { businessId: spec.businessId, invoiceId, now });
    links.push({
      label: spec.label,
      business: spec.businessName,
      number: spec.number,
      token: sent.token,
      revoked: Boolean(spec.revoke),
    });
  };

  const pro = { businessId: proId, businessName: "Zoë Müller Plumbing & Heating" };
  const free = { businessId: freeId, businessName: "Greenleaf Landscaping" };

  await create({
    ...pro,
    label: "Pro, line items, tax and discount, due",
    number: "ZM-1042",
    items: PLUMBING_ITEMS,
    invoice: {
      customerName: "Agnieszka Wiśniewska",
      customerEmail: "agnieszka@example.com",
      customerPhone: "+1 510 555 0188",
      tax: { rate: 8_875, label: "Sales tax" },
      discount: { kind: "percent", value: 5_000 },
      notes: "Thank you for choosing us!\nThe old tap was left with you as requested.",
      terms: "Payment due within 30 days.\nLate payments may incur a 1.5% monthly fee.",
    },
  });
  await create({
    ...pro,
    label: "Pro, percent deposit, overdue",
    number: "ZM-1043",
    amount: { mode: "percent", rate: 50_000, base: 400_000, label: "deposit" },
    invoice: {
      customerName: "Dimitris Papadopoulos",
      customerEmail: "dimitris@example.gr",
      issueDate: isoDay(now, -40),
      dueDate: isoDay(now, -10),
      notes: "Deposit for the bathroom renovation in Ελλάδα Street.",
    },
  });
  await create({
    ...pro,
    label: "Pro, fixed amount, paid",
    number: "ZM-1044",
    amount: { mode: "fixed", amount: 35_000 },
    invoice: { customerName: "Ivan Petrov (Москва office)", notes: "Annual boiler service." },
    after: async (invoiceId) => {
      await db.insert(payments).values({
        id: newId("pay"),
        invoiceId,
        provider: "offline",
        method: "check",
        status: "succeeded",
        amount: 35_000,
        currency: "USD",
        invoiceVersion: 1,
        reference: "Check #2211",
        completedAt: new Date(now.getTime() - 2 * 86_400_000),
      });
    },
  });
  await create({
    ...pro,
    label: "Pro, 20 line items, Spanish (MXN)",
    number: "ZM-1045",
    items: TWENTY_ITEMS,
    invoice: {
      customerName: "María José Núñez",
      customerEmail: "mjnunez@example.mx",
      currency: "MXN",
      locale: "es-MX",
      tax: { rate: 16_000, label: "IVA" },
      notes: "Gracias por su preferencia.",
      terms: "Pago a 30 días.",
    },
  });
  await create({
    ...pro,
    label: "Pro, line items, Arabic (AED), right to left",
    number: "ZM-1046",
    items: ARABIC_ITEMS,
    invoice: {
      customerName: "محمد الأحمد",
      customerEmail: "m.alahmad@example.ae",
      currency: "AED",
      locale: "ar-AE",
      tax: { rate: 5_000, label: "ضريبة القيمة المضافة" },
      notes: "شكرًا لتعاملكم معنا.\nيُرجى ذكر رقم الفاتورة عند التحويل.",
    },
  });
  await create({
    ...free,
    label: "Free, line items, due",
    number: "GL-2001",
    items: LAWN_ITEMS,
    invoice: {
      customerName: "Sam Rivera",
      customerEmail: "sam@example.com",
      discount: { kind: "amount", value: 2_500 },
      terms: "Due on receipt.",
    },
  });
  await create({
    ...free,
    label: "Free, revoked link",
    number: "GL-2002",
    items: LAWN_ITEMS.slice(0, 2),
    invoice: { customerName: "Jordan Lee" },
    revoke: true,
  });
  await create({
    ...free,
    label: "Free, fixed amount, void",
    number: "GL-2003",
    amount: { mode: "fixed", amount: 12_000 },
    invoice: { customerName: "Chris Doe" },
    after: async (invoiceId) => {
      await voidInvoice(db, { businessId: freeId, invoiceId, now });
    },
  });
  return links;
}
