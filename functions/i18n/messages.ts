// The message catalogue for every label a customer sees, on the page and in the PDF.
// Placeholders are {name}; `fill` replaces them. English is the fallback for any language
// without a catalogue.

const en = {
  invoice: "Invoice",
  invoiceNumber: "Invoice number",
  issueDate: "Issue date",
  dueDate: "Due date",
  billTo: "Bill to",
  from: "From",
  description: "Description",
  quantity: "Qty",
  unitPrice: "Unit price",
  amount: "Amount",
  subtotal: "Subtotal",
  discount: "Discount",
  discountPercent: "Discount ({rate})",
  tax: "Tax",
  taxRate: "{label} ({rate})",
  total: "Total",
  amountPaid: "Amount paid",
  balanceDue: "Balance due",
  notes: "Notes",
  terms: "Terms",
  items: "Items",
  downloadPdf: "Download PDF",
  payNow: "Pay now",
  payNowAmount: "Pay {amount}",
  payOffline:
    "This amount is too small to pay online. Please contact {business} to pay another way.",
  percentOf: "{rate} of {base}",
  percentOfLabeled: "{rate} {label} of {base}",
  fixedAmount: "Amount due",
  contact: "Contact",
  call: "Call",
  website: "Website",
  state_due: "Due",
  state_overdue: "Overdue",
  state_nothing_due: "Nothing to pay",
  state_processing: "Processing",
  state_partially_paid: "Partly paid",
  state_paid: "Paid",
  state_partially_refunded: "Partly refunded",
  state_refunded: "Refunded",
  state_void: "Void",
  detail_due: "Due on {date}.",
  detail_overdue: "This invoice was due on {date}.",
  detail_nothing_due: "There is nothing to pay on this invoice.",
  detail_processing: "Your bank payment is on its way. It can take up to four business days.",
  detail_partially_paid: "{paid} received, {balance} still due.",
  detail_paid: "Paid on {date}. Thank you!",
  detail_paid_nodate: "Paid. Thank you!",
  detail_partially_refunded: "{refunded} of your payment was refunded.",
  detail_refunded: "Your payment was refunded.",
  detail_void: "This invoice was cancelled. Nothing is owed.",
  notice_payment_received: "Payment received. Thank you!",
  notice_payment_processing:
    "Payment processing. We will update this page when your bank confirms it.",
  notice_payment_canceled: "Payment was not completed. You can try again at any time.",
  previewBanner:
    "Preview: this is how your customer sees the invoice. Your visit is not counted as a view.",
  poweredBy: "Powered by {name}",
  pageTitle: "Invoice {number} from {business}",
  previewDescription: "Invoice from {business}",
  pageOf: "Page {page} of {pages}",
  stamp_paid: "PAID",
  stamp_processing: "PROCESSING",
  stamp_void: "VOID",
  stamp_refunded: "REFUNDED",
  pdfTitle: "Invoice {number}",
  status: "Status",
  revokedTitle: "This link is no longer active",
  revokedBody:
    "The link to invoice {number} has been turned off. Please contact {business} for a new link.",
  revokedBodyNoNumber: "Please contact {business} for a new link.",
  notFoundTitle: "Invoice not found",
  pageNotFoundTitle: "Page not found",
  notFoundBody: "Check that the link was copied completely, or ask the sender for a new one.",
  unavailableTitle: "Temporarily unavailable",
  unavailableBody: "We could not load this invoice just now. Please try again in a minute.",
  tryAgain: "Try again",
  receipt: "Receipt",
  receiptPaidOn: "Paid on",
  receiptAmount: "Amount",
  receiptMethod: "Payment method",
  receiptNumber: "Receipt number",
  receiptReference: "Reference",
  method_card: "Card",
  method_us_bank_account: "Bank account",
  method_cash: "Cash",
  method_check: "Check",
  method_other: "Other",
  cardEnding: "{brand} ending in {last4}",
  bankEnding: "{bank}, account ending in {last4}",
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const es: Messages = {
  invoice: "Factura",
  invoiceNumber: "Número de factura",
  issueDate: "Fecha de emisión",
  dueDate: "Fecha de vencimiento",
  billTo: "Facturar a",
  from: "De",
  description: "Descripción",
  quantity: "Cant.",
  unitPrice: "Precio unitario",
  amount: "Importe",
  subtotal: "Subtotal",
  discount: "Descuento",
  discountPercent: "Descuento ({rate})",
  tax: "Impuesto",
  taxRate: "{label} ({rate})",
  total: "Total",
  amountPaid: "Importe pagado",
  balanceDue: "Saldo pendiente",
  notes: "Notas",
  terms: "Condiciones",
  items: "Conceptos",
  downloadPdf: "Descargar PDF",
  payNow: "Pagar ahora",
  payNowAmount: "Pagar {amount}",
  payOffline:
    "Este importe es demasiado pequeño para pagarlo en línea. Contacte a {business} para pagarlo de otra forma.",
  percentOf: "{rate} de {base}",
  percentOfLabeled: "{rate} de {label} sobre {base}",
  fixedAmount: "Importe a pagar",
  contact: "Contacto",
  call: "Llamar",
  website: "Sitio web",
  state_due: "Pendiente",
  state_overdue: "Vencida",
  state_nothing_due: "Nada que pagar",
  state_processing: "En proceso",
  state_partially_paid: "Pago parcial",
  state_paid: "Pagada",
  state_partially_refunded: "Reembolso parcial",
  state_refunded: "Reembolsada",
  state_void: "Anulada",
  detail_due: "Vence el {date}.",
  detail_overdue: "Esta factura venció el {date}.",
  detail_nothing_due: "No hay nada que pagar en esta factura.",
  detail_processing: "Su pago bancario está en camino. Puede tardar hasta cuatro días hábiles.",
  detail_partially_paid: "Recibido {paid}; quedan {balance} por pagar.",
  detail_paid: "Pagada el {date}. ¡Gracias!",
  detail_paid_nodate: "Pagada. ¡Gracias!",
  detail_partially_refunded: "Se le reembolsaron {refunded} de su pago.",
  detail_refunded: "Su pago fue reembolsado.",
  detail_void: "Esta factura fue anulada. No se debe nada.",
  notice_payment_received: "Pago recibido. ¡Gracias!",
  notice_payment_processing:
    "Pago en proceso. Actualizaremos esta página cuando su banco lo confirme.",
  notice_payment_canceled: "El pago no se completó. Puede intentarlo de nuevo cuando quiera.",
  previewBanner: "Vista previa: así ve su cliente la factura. Su visita no cuenta como vista.",
  poweredBy: "Con la tecnología de {name}",
  pageTitle: "Factura {number} de {business}",
  previewDescription: "Factura de {business}",
  pageOf: "Página {page} de {pages}",
  stamp_paid: "PAGADA",
  stamp_processing: "EN PROCESO",
  stamp_void: "ANULADA",
  stamp_refunded: "REEMBOLSADA",
  pdfTitle: "Factura {number}",
  status: "Estado",
  revokedTitle: "Este enlace ya no está activo",
  revokedBody:
    "El enlace a la factura {number} fue desactivado. Contacte a {business} para recibir uno nuevo.",
  revokedBodyNoNumber: "Contacte a {business} para recibir un enlace nuevo.",
  notFoundTitle: "Factura no encontrada",
  pageNotFoundTitle: "Página no encontrada",
  notFoundBody: "Compruebe que copió el enlace completo o pida uno nuevo a quien se lo envió.",
  unavailableTitle: "No disponible por el momento",
  unavailableBody: "No pudimos cargar esta factura ahora. Inténtelo de nuevo en un minuto.",
  tryAgain: "Intentar de nuevo",
  receipt: "Recibo",
  receiptPaidOn: "Pagado el",
  receiptAmount: "Importe",
  receiptMethod: "Método de pago",
  receiptNumber: "Número de recibo",
  receiptReference: "Referencia",
  method_card: "Tarjeta",
  method_us_bank_account: "Cuenta bancaria",
  method_cash: "Efectivo",
  method_check: "Cheque",
  method_other: "Otro",
  cardEnding: "{brand} terminada en {last4}",
  bankEnding: "{bank}, cuenta terminada en {last4}",
};

const catalogues: Record<string, Messages> = { en, es };

export const SUPPORTED_LANGUAGES = Object.keys(catalogues);

/** The language part of a locale ("es-MX" → "es"), falling back to English. */
export function languageOf(locale: string): string {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? "en";
  // Own keys only: `in` would also find "constructor" or "__proto__" from a client's header.
  return Object.hasOwn(catalogues, language) ? language : "en";
}

/**
 * The catalogue language a browser prefers most, from its Accept-Language header
 * ("fr-CH, fr;q=0.9, es;q=0.8" → "es"); English when it accepts none we have. For pages that
 * have no invoice to take a locale from (not found).
 */
export function acceptedLanguage(header: string | undefined): string {
  const choices = (header ?? "")
    .split(",")
    .slice(0, 32)
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return {
        language: tag.split(/[-_]/)[0]?.trim().toLowerCase() ?? "",
        q: q ? Number(q) : 1,
        index,
      };
    })
    .filter((choice) => choice.q > 0 && Object.hasOwn(catalogues, choice.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return choices[0]?.language ?? "en";
}

export function messagesFor(locale: string): Messages {
  return catalogues[languageOf(locale)] ?? en;
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
