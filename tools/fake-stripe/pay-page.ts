import type { FakeSession } from "./store";

// The hosted page a Checkout Session's `url` points at: a stand-in for checkout.stripe.com with
// one button per payment method. Submitting it completes the session and redirects to the
// session's success_url, as Checkout does.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function amountText(amount: number, currency: string): string {
  try {
    const digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(
      amount / 10 ** digits,
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

export function payPage(found: FakeSession): string {
  const { session, request } = found;
  const title = request.lineItems.map((item) => item.name).join(", ");
  const total = amountText(session.amount_total, session.currency.toUpperCase());
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Fake Checkout</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
button{display:block;width:100%;margin:.5rem 0;padding:.8rem;font-size:1rem}</style></head><body>`;
  if (session.status !== "open") {
    return `${head}<h1>Checkout</h1><p data-status="${session.status}">This Checkout Session is ${session.status}.</p></body></html>`;
  }
  const buttons = session.payment_method_types
    .map((type) =>
      type === "card"
        ? `<button type="submit" name="method" value="card">Pay</button>`
        : `<button type="submit" name="method" value="us_bank_account">Pay by bank account</button>`,
    )
    .join("\n");
  const cancel = session.cancel_url
    ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>`
    : "";
  return `${head}<h1>${escapeHtml(title)}</h1>
<p class="amount" data-amount="${session.amount_total}">${escapeHtml(total)}</p>
<p>Test mode: no real money moves.</p>
<form method="post" action="/pay/${escapeHtml(session.id)}">${buttons}</form>${cancel}</body></html>`;
}

export function donePage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Checkout</title></head><body><p>${escapeHtml(message)}</p></body></html>`;
}
