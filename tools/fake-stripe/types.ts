import type { FakeClock } from "./clock";
import type { FakeConnect } from "./connect";
import type { AttemptRecord, DeliveryMode, Outbox } from "./delivery";
import type { FormObject } from "./form";
import type { DisputeJson, EventJson } from "./objects";
import type { Account, FakeStripeStore, StoredEvent } from "./store";

// The fake's public types: its options, the handle `startFakeStripe` returns, and what its
// helpers and controls take and give.

export interface FakeStripeOptions {
  /** 0 or absent: any free port. */
  port?: number;
  host?: string;
  /** Where signed events are POSTed (e.g. the Worker's /webhooks/stripe); null: kept for `takeDue`. */
  webhookUrl?: string | null;
  /** The one API key the fake accepts (default: a fixed `sk_test_…` key). */
  secretKey?: string;
  webhookSecret?: string;
  connectWebhookSecret?: string;
  /** Connected accounts that exist from the start. */
  accounts?: string[];
  /** The wall clock the fake's clock starts from, in milliseconds (default Date.now). */
  now?: () => number;
  delivery?: DeliveryMode;
  /** How long the webhook endpoint has to answer (default 10 s); then the attempt failed. */
  deliveryTimeoutMs?: number;
  /** How often due expiries and deliveries are checked by the wall clock (default 1 s; 0: never). */
  tickMs?: number;
}

/** An API error the next matching request answers with, `times` times (default once). */
export interface FailureRule {
  method?: string;
  /** Substring of the request path, e.g. "/v1/checkout/sessions". */
  path?: string;
  /** Substring of the raw request body (form-encoded), e.g. an invoice id. */
  bodyIncludes?: string;
  status: number;
  type?: string;
  message?: string;
  code?: string;
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  params: FormObject;
  account: Account;
  idempotencyKey: string | null;
  status: number;
}

export interface SignedEvent {
  event: EventJson;
  /** The exact body to POST, and the Stripe-Signature header that signs it. */
  payload: string;
  signature: string;
}

/** A due delivery, signed for this attempt, for a caller that carries it itself. */
export interface SignedDelivery extends SignedEvent {
  id: string;
  attempt: number;
}

export interface CompleteOptions {
  /** "paid": a card payment; "unpaid": a US bank account debit left processing. */
  paymentStatus?: "paid" | "unpaid";
}

/** A dispute of a session's payment: a chargeback unless `inquiry`. */
export interface DisputeOptions {
  inquiry?: boolean;
  reason?: string;
}

export interface FakeStripe {
  url: string;
  port: number;
  /** The only API key accepted; any other gets Stripe's 401. */
  secretKey: string;
  webhookSecret: string;
  connectWebhookSecret: string;
  clock: FakeClock;
  outbox: Outbox;
  sessions: FakeStripeStore["sessions"];
  charges: FakeStripeStore["charges"];
  refunds: FakeStripeStore["refunds"];
  disputes: FakeStripeStore["disputes"];
  /** Connected accounts made through `POST /v1/accounts`, and their onboarding links. */
  connect: FakeConnect;
  events: StoredEvent[];
  requests: RecordedRequest[];
  attempts: AttemptRecord[];
  setWebhookUrl(url: string | null): void;
  setDeliveryMode(mode: DeliveryMode): void;
  /** A connected account now exists (as if onboarded onto the platform). */
  connectAccount(id: string): void;
  /** The business disconnects its account: the platform can no longer act on it. */
  disconnectAccount(id: string): void;
  completeSession(id: string, options?: CompleteOptions): Promise<SignedEvent>;
  settleBankPayment(id: string, outcome: "succeeded" | "failed"): Promise<SignedEvent>;
  /** The session reaches its `expires_at` (without moving the clock for everything else). */
  expireSession(id: string): Promise<SignedEvent>;
  refund(id: string, amount?: number): Promise<SignedEvent & { refundId: string }>;
  settleRefund(refundId: string, outcome: "succeeded" | "failed"): Promise<SignedEvent>;
  /** The customer's bank disputes the session's payment (`charge.dispute.created`). */
  dispute(id: string, options?: DisputeOptions): Promise<SignedEvent & { disputeId: string }>;
  /** The dispute moves on or is decided (`charge.dispute.updated` / `.closed`). */
  updateDispute(disputeId: string, status: DisputeJson["status"]): Promise<SignedEvent>;
  /** Records and sends any event (e.g. a type the endpoint does not handle). */
  publish(
    type: string,
    object: EventJson["data"]["object"],
    account?: Account,
  ): Promise<SignedEvent>;
  /** Signs any event with the secret of its endpoint (Connect events: the Connect secret). */
  sign(event: EventJson): Promise<SignedEvent>;
  /** Moves the fake's clock on: due sessions expire and due deliveries go out. */
  advanceClock(ms: number): Promise<void>;
  /** Pull delivery: the deliveries due now, each signed for this attempt. */
  takeDue(): Promise<SignedDelivery[]>;
  /** Pull delivery: how an attempt went (the endpoint's status, or "timeout"). */
  report(id: string, outcome: AttemptRecord["outcome"]): AttemptRecord;
  /** Resolves once the deliveries due now have been sent (push delivery). */
  idle(): Promise<void>;
  failNext(rule: FailureRule): void;
  /** Forgets every failure rule not used up yet. */
  clearFailures(): void;
  close(): Promise<void>;
}
