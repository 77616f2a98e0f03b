import type { FakeClock } from "./clock";
import { docUrl, invalid, notFound } from "./errors";
import {
  type ChargeJson,
  type CheckoutSessionJson,
  clone,
  type DisputeJson,
  type EventJson,
  type PaymentIntentJson,
  type PaymentMethodJson,
  type RefundJson,
  stripeId,
} from "./objects";
import type { SessionRequest } from "./validate";

// The fake's state: Checkout Sessions and the PaymentIntents, PaymentMethods, Charges and
// Refunds that completing and refunding them creates, each owned by the platform (account null)
// or a connected account. Lifecycle, as documented for Checkout: open → complete (paid for
// cards; unpaid while a bank debit is processing, then paid or failed) or open → expired (by
// the API, or when the fake's clock reaches `expires_at`). Every change records the events
// Stripe sends for it, in the order Stripe creates them, and hands each to `onEvent`.

export const API_VERSION = "2026-10-28.endive";

export type Account = string | null;

export interface FakeSession {
  account: Account;
  session: CheckoutSessionJson;
  /** The line items as requested (Checkout lists them under a separate endpoint). */
  request: SessionRequest;
  /** The PaymentIntent's metadata, from `payment_intent_data[metadata]`. */
  intentMetadata: Record<string, string>;
}

export interface StoredEvent {
  event: EventJson;
  account: Account;
}

export { notFound };

/** Why a bank debit is returned, in the fake: always the most common ACH return. */
const BANK_DEBIT_FAILURE = {
  code: "insufficient_funds",
  message: "The customer's account has insufficient funds to cover this payment.",
};

export class FakeStripeStore {
  readonly sessions = new Map<string, FakeSession>();
  readonly paymentIntents = new Map<string, { account: Account; intent: PaymentIntentJson }>();
  readonly paymentMethods = new Map<string, PaymentMethodJson>();
  readonly charges = new Map<string, { account: Account; charge: ChargeJson }>();
  readonly refunds = new Map<string, { account: Account; refund: RefundJson }>();
  readonly disputes = new Map<string, { account: Account; dispute: DisputeJson }>();
  readonly events: StoredEvent[] = [];
  /** Connected accounts: a `Stripe-Account` header must name one of these. */
  readonly accounts = new Set<string>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly clock: FakeClock,
    private readonly onEvent: (event: EventJson) => void = () => {},
  ) {}

  private now(): number {
    return this.clock.seconds();
  }

  createSession(request: SessionRequest, account: Account): CheckoutSessionJson {
    const id = stripeId("cs_test", 58);
    const session: CheckoutSessionJson = {
      id,
      object: "checkout.session",
      allowed_payment_method_types: request.allowedPaymentMethodTypes,
      amount_subtotal: request.amountTotal,
      amount_total: request.amountTotal,
      cancel_url: request.cancelUrl,
      client_reference_id: request.clientReferenceId,
      created: this.now(),
      currency: request.currency,
      customer_details: null,
      customer_email: request.customerEmail,
      expires_at: request.expiresAt,
      livemode: false,
      locale: request.locale,
      metadata: request.metadata,
      mode: "payment",
      payment_intent: null,
      payment_method_types: request.paymentMethodTypes,
      payment_status: "unpaid",
      status: "open",
      success_url: request.successUrl,
      url: `${this.baseUrl()}/pay/${id}`,
    };
    this.sessions.set(id, {
      account,
      session,
      request,
      intentMetadata: request.paymentIntentMetadata,
    });
    return clone(session);
  }

  /** The session as its owner sees it; another account gets the documented 404. */
  session(id: string, account: Account): FakeSession {
    const found = this.sessions.get(id);
    if (!found || found.account !== account) throw notFound("checkout.session", id, "session");
    this.expireIfDue(found);
    return found;
  }

  charge(id: string, account: Account): ChargeJson {
    const found = this.charges.get(id);
    if (!found || found.account !== account) throw notFound("charge", id, "charge");
    return found.charge;
  }

  intent(id: string): PaymentIntentJson {
    const found = this.paymentIntents.get(id);
    if (!found) throw notFound("payment_intent", id, "intent");
    return found.intent;
  }

  /** `POST /v1/checkout/sessions/:id/expire`: only an open session can be expired. */
  expireByRequest(id: string, account: Account): CheckoutSessionJson {
    const found = this.session(id, account);
    if (found.session.status !== "open") {
      throw invalid(
        `This Checkout Session is ${found.session.status} and can no longer be expired; only open sessions can be expired.`,
      );
    }
    this.markExpired(found);
    return clone(found.session);
  }

  refund(id: string, account: Account): RefundJson {
    const found = this.refunds.get(id);
    if (!found || found.account !== account) throw notFound("refund", id, "refund");
    return found.refund;
  }

  /** Stripe expires an open session at `expires_at`, sending checkout.session.expired. */
  private expireIfDue(found: FakeSession): void {
    if (found.session.status === "open" && this.now() >= found.session.expires_at) {
      this.markExpired(found);
    }
  }

  /** Every open session whose `expires_at` has come (the clock moved, or time passed). */
  expireDue(): EventJson[] {
    const events: EventJson[] = [];
    for (const found of this.sessions.values()) {
      if (found.session.status === "open" && this.now() >= found.session.expires_at) {
        events.push(this.markExpired(found));
      }
    }
    return events;
  }

  private markExpired(found: FakeSession): EventJson {
    found.session.status = "expired";
    found.session.url = null;
    return this.emit("checkout.session.expired", found.session, found.account);
  }

  /** The session reaches its `expires_at` now (a shortcut for moving the clock that far). */
  expireByTime(id: string): EventJson {
    const found = this.sessions.get(id);
    if (!found) throw notFound("checkout.session", id, "session");
    if (found.session.status !== "open") throw invalid("Only an open session can expire.");
    return this.markExpired(found);
  }

  /**
   * The customer confirms the session: a card is paid at once; a US bank account (ACH) debit
   * leaves the session complete but unpaid while the PaymentIntent is processing.
   */
  complete(id: string, method: "card" | "us_bank_account", email?: string): EventJson {
    const found = this.sessions.get(id);
    if (!found) throw notFound("checkout.session", id, "session");
    this.expireIfDue(found);
    const { session, account } = found;
    if (session.status !== "open") throw invalid(`This Checkout Session is ${session.status}.`);
    if (!session.payment_method_types.includes(method)) {
      throw invalid(`This Checkout Session does not accept ${method}.`);
    }
    const created = this.now();
    const paid = method === "card";
    const pm: PaymentMethodJson = {
      id: stripeId("pm"),
      object: "payment_method",
      created,
      livemode: false,
      type: method,
    };
    const intent: PaymentIntentJson = {
      id: stripeId("pi"),
      object: "payment_intent",
      amount: session.amount_total,
      amount_received: paid ? session.amount_total : 0,
      created,
      currency: session.currency,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: { ...found.intentMetadata },
      payment_method: pm.id,
      payment_method_types: [...session.payment_method_types],
      status: paid ? "succeeded" : "processing",
    };
    const charge: ChargeJson = {
      id: stripeId("ch"),
      object: "charge",
      amount: session.amount_total,
      amount_captured: paid ? session.amount_total : 0,
      amount_refunded: 0,
      captured: paid,
      created,
      currency: session.currency,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: {},
      paid,
      payment_intent: intent.id,
      payment_method: pm.id,
      // Stripe's test card and test bank account.
      payment_method_details:
        method === "card"
          ? { type: "card", card: { brand: "visa", last4: "4242" } }
          : {
              type: "us_bank_account",
              us_bank_account: { bank_name: "STRIPE TEST BANK", last4: "6789" },
            },
      receipt_email: found.request.receiptEmail,
      receipt_number: null,
      disputed: false,
      refunded: false,
      status: paid ? "succeeded" : "pending",
    };
    if (paid) this.sendReceipt(charge);
    intent.latest_charge = charge.id;
    this.paymentMethods.set(pm.id, pm);
    this.paymentIntents.set(intent.id, { account, intent });
    this.charges.set(charge.id, { account, charge });
    session.status = "complete";
    session.url = null;
    session.payment_intent = intent.id;
    session.payment_status = paid ? "paid" : "unpaid";
    session.customer_details = { email: email ?? session.customer_email ?? "customer@example.com" };
    // What Stripe sends for a Checkout payment: the intent, its charge, then the session.
    this.emit("payment_intent.created", intent, account);
    if (paid) {
      this.emit("charge.succeeded", charge, account);
      this.emit("payment_intent.succeeded", intent, account);
    } else {
      this.emit("charge.pending", charge, account);
      this.emit("payment_intent.processing", intent, account);
    }
    return this.emit("checkout.session.completed", session, account);
  }

  /** A processing bank debit settles: succeeded (paid) or failed (the intent needs a new method). */
  settle(id: string, outcome: "succeeded" | "failed"): EventJson {
    const found = this.sessions.get(id);
    if (!found) throw notFound("checkout.session", id, "session");
    const intentId = found.session.payment_intent;
    const intent = typeof intentId === "string" ? this.intent(intentId) : null;
    if (intent?.status !== "processing") {
      throw invalid("Only a session whose payment is processing can settle.");
    }
    const charge = this.charges.get(String(intent.latest_charge))?.charge;
    if (!charge) throw invalid("This payment has no charge to settle.");
    const { account } = found;
    if (outcome === "succeeded") {
      intent.status = "succeeded";
      intent.amount_received = intent.amount;
      found.session.payment_status = "paid";
      Object.assign(charge, { status: "succeeded", paid: true, captured: true });
      charge.amount_captured = charge.amount;
      this.sendReceipt(charge);
      this.emit("charge.succeeded", charge, account);
      this.emit("payment_intent.succeeded", intent, account);
      return this.emit("checkout.session.async_payment_succeeded", found.session, account);
    }
    // The debit was returned: the charge failed, and the intent asks for a new method,
    // saying why.
    charge.status = "failed";
    charge.failure_code = BANK_DEBIT_FAILURE.code;
    charge.failure_message = BANK_DEBIT_FAILURE.message;
    const method = this.paymentMethods.get(String(intent.payment_method));
    intent.status = "requires_payment_method";
    if (method) {
      intent.last_payment_error = {
        type: "card_error",
        charge: charge.id,
        code: BANK_DEBIT_FAILURE.code,
        doc_url: docUrl(BANK_DEBIT_FAILURE.code),
        message: BANK_DEBIT_FAILURE.message,
        payment_method: clone(method),
        payment_method_type: method.type,
      };
      intent.payment_method = null;
    }
    this.emit("charge.failed", charge, account);
    this.emit("payment_intent.payment_failed", intent, account);
    return this.emit("checkout.session.async_payment_failed", found.session, account);
  }

  /**
   * The business refunds part or all of the payment of a session (Dashboard or API): a Refund
   * object (`re_…`) and the charge's running total. A card refund succeeds at once; a bank
   * refund is pending until `settleRefund`. Stripe sends `charge.refunded` and `refund.created`.
   */
  refundSession(id: string, amount?: number): { event: EventJson; refund: RefundJson } {
    const found = this.sessions.get(id);
    const intentId = found?.session.payment_intent;
    const intent = typeof intentId === "string" ? this.intent(intentId) : null;
    const stored = intent ? this.charges.get(String(intent.latest_charge)) : undefined;
    if (!found || !intent || !stored || stored.charge.status !== "succeeded") {
      throw invalid("Only a succeeded payment can be refunded.");
    }
    const { charge, account } = stored;
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining === 0) {
      throw invalid(
        `Charge ${charge.id} has already been refunded.`,
        "charge",
        "charge_already_refunded",
      );
    }
    const value = amount ?? remaining;
    if (!Number.isInteger(value) || value < 1 || value > remaining) {
      throw invalid(
        `Refund amount (${value}) is greater than unrefunded amount on charge (${remaining})`,
        "amount",
        "amount_too_large",
      );
    }
    const method = this.paymentMethods.get(String(charge.payment_method));
    const refund: RefundJson = {
      id: stripeId("re"),
      object: "refund",
      amount: value,
      charge: charge.id,
      created: this.now(),
      currency: charge.currency,
      metadata: {},
      payment_intent: intent.id,
      reason: null,
      status: method?.type === "us_bank_account" ? "pending" : "succeeded",
    };
    this.refunds.set(refund.id, { account, refund });
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded === charge.amount;
    const event = this.emit("charge.refunded", charge, account);
    this.emit("refund.created", refund, account);
    return { event, refund: clone(refund) };
  }

  /**
   * A pending (bank) refund ends: it succeeds, or fails and the money stays with the business,
   * so the charge's refunded total goes down again. Stripe sends `refund.updated` and
   * `charge.refund.updated` (and `refund.failed` for a failure).
   */
  settleRefund(id: string, outcome: "succeeded" | "failed"): EventJson {
    const stored = this.refunds.get(id);
    if (!stored) throw notFound("refund", id, "refund");
    const { refund, account } = stored;
    if (refund.status !== "pending") throw invalid(`This refund is ${refund.status}, not pending.`);
    refund.status = outcome;
    if (outcome === "failed") {
      refund.failure_reason = "unknown";
      const charge = this.charges.get(refund.charge)?.charge;
      if (charge) {
        charge.amount_refunded -= refund.amount;
        charge.refunded = false;
      }
      this.emit("refund.failed", refund, account);
    }
    this.emit("charge.refund.updated", refund, account);
    return this.emit("refund.updated", refund, account);
  }

  /** Stripe emails a receipt for a succeeded charge with a receipt email, and numbers it. */
  private sendReceipt(charge: ChargeJson): void {
    if (!charge.receipt_email || charge.receipt_number) return;
    const digits = crypto.getRandomValues(new Uint32Array(2));
    const part = (n: number | undefined) => String((n ?? 0) % 10_000).padStart(4, "0");
    charge.receipt_number = `${part(digits[0])}-${part(digits[1])}`;
  }

  dispute(id: string, account: Account): DisputeJson {
    const found = this.disputes.get(id);
    if (!found || found.account !== account) throw notFound("dispute", id, "dispute");
    return found.dispute;
  }

  /**
   * The customer's bank disputes the succeeded payment of a session: a chargeback
   * (`needs_response`, funds withdrawn at once) or an inquiry (`warning_needs_response`, no
   * money moves). Stripe sends `charge.dispute.created` (and `.funds_withdrawn` for a chargeback).
   */
  disputeSession(id: string, options: { inquiry?: boolean; reason?: string } = {}): EventJson {
    const found = this.sessions.get(id);
    const intentId = found?.session.payment_intent;
    const intent = typeof intentId === "string" ? this.intent(intentId) : null;
    const stored = intent ? this.charges.get(String(intent.latest_charge)) : undefined;
    if (!intent || !stored || stored.charge.status !== "succeeded") {
      throw invalid("Only a succeeded payment can be disputed.");
    }
    const { charge, account } = stored;
    if (charge.disputed) throw invalid(`Charge ${charge.id} has already been disputed.`);
    const dispute: DisputeJson = {
      id: stripeId("dp"),
      object: "dispute",
      amount: charge.amount - charge.amount_refunded,
      charge: charge.id,
      created: this.now(),
      currency: charge.currency,
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: intent.id,
      reason: options.reason ?? "fraudulent",
      status: options.inquiry ? "warning_needs_response" : "needs_response",
    };
    charge.disputed = true;
    this.disputes.set(dispute.id, { account, dispute });
    const event = this.emit("charge.dispute.created", dispute, account);
    if (!options.inquiry) this.emit("charge.dispute.funds_withdrawn", dispute, account);
    return event;
  }

  /**
   * A dispute moves on: evidence submitted (`under_review`), or decided (`won`, `lost`,
   * `warning_closed`). Stripe sends `charge.dispute.updated`, or `.closed` for a decision (with
   * `.funds_reinstated` when a chargeback is won).
   */
  updateDispute(id: string, status: DisputeJson["status"]): EventJson {
    const stored = this.disputes.get(id);
    if (!stored) throw notFound("dispute", id, "dispute");
    const { dispute, account } = stored;
    const closed = ["won", "lost", "warning_closed"];
    if (closed.includes(dispute.status)) throw invalid(`This dispute is ${dispute.status}.`);
    dispute.status = status;
    if (!closed.includes(status)) return this.emit("charge.dispute.updated", dispute, account);
    const event = this.emit("charge.dispute.closed", dispute, account);
    if (status === "won") this.emit("charge.dispute.funds_reinstated", dispute, account);
    return event;
  }

  /** Records an event as Stripe would send it: the object as it was at that moment. */
  emit(type: string, object: EventJson["data"]["object"], account: Account): EventJson {
    const event: EventJson = {
      id: stripeId("evt"),
      object: "event",
      ...(account ? { account } : {}),
      api_version: API_VERSION,
      created: this.now(),
      data: { object: clone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.push({ event, account });
    this.onEvent(event);
    return event;
  }
}
