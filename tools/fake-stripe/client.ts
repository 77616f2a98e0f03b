import type { AttemptRecord, DeliveryMode } from "./delivery";
import type { DisputeJson, EventJson } from "./objects";
import type { FakeSession } from "./store";
import type { FailureRule, RecordedRequest, SignedDelivery, SignedEvent } from "./types";

// The fake's test controls over HTTP, for code that cannot hold the FakeStripe object: tests
// inside workerd, or a browser test driving a fake started elsewhere. Uses only fetch, so it
// runs in Node and in workerd alike.

export interface FakeStripeInstance {
  url: string;
  secretKey: string;
  webhookSecret: string;
  connectWebhookSecret: string;
}

export interface DueDeliveries {
  deliveries: SignedDelivery[];
  /** When the next queued delivery falls due on the fake's clock (null: none queued). */
  nextDueAt: number | null;
  /** The same, leaving out retries. */
  nextFirstTryAt: number | null;
  now: number;
}

export interface FakeStripeClient {
  url: string;
  session(id: string): Promise<FakeSession>;
  /** Sessions created for one `client_reference_id` (the portal sends the invoice id). */
  sessionsFor(clientReferenceId: string): Promise<FakeSession[]>;
  completeSession(
    id: string,
    options?: { paymentStatus?: "paid" | "unpaid" },
  ): Promise<SignedEvent>;
  settleBankPayment(id: string, outcome: "succeeded" | "failed"): Promise<SignedEvent>;
  expireSession(id: string): Promise<SignedEvent>;
  refund(id: string, amount?: number): Promise<SignedEvent & { refundId: string }>;
  settleRefund(refundId: string, outcome: "succeeded" | "failed"): Promise<SignedEvent>;
  dispute(
    sessionId: string,
    options?: { inquiry?: boolean; reason?: string },
  ): Promise<SignedEvent & { disputeId: string }>;
  updateDispute(disputeId: string, status: DisputeJson["status"]): Promise<SignedEvent>;
  /** Any event (of any type), for the platform or, with `account`, the Connect endpoint. */
  event(
    type: string,
    object: EventJson["data"]["object"],
    options?: { account?: string },
  ): Promise<SignedEvent>;
  events(): Promise<EventJson[]>;
  connectAccount(id: string): Promise<void>;
  disconnectAccount(id: string): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  takeDue(): Promise<DueDeliveries>;
  report(deliveryId: string, outcome: AttemptRecord["outcome"]): Promise<void>;
  attempts(): Promise<AttemptRecord[]>;
  setDeliveryMode(mode: DeliveryMode): Promise<void>;
  requests(pathContains?: string): Promise<RecordedRequest[]>;
  failNext(rule: FailureRule): Promise<void>;
  clearFailures(): Promise<void>;
  setWebhookUrl(url: string | null): Promise<void>;
  /** A new, independent fake (own key, secrets, clock and outbox). */
  spawn(options?: { delivery?: DeliveryMode; accounts?: string[] }): Promise<FakeStripeInstance>;
}

export function fakeStripeClient(url: string): FakeStripeClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_fake${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`fake Stripe ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const id = encodeURIComponent;
  return {
    url,
    session: (sessionId) => call("GET", `/sessions/${id(sessionId)}`),
    sessionsFor: (reference) =>
      call("GET", `/sessions?client_reference_id=${encodeURIComponent(reference)}`),
    completeSession: (sessionId, options = {}) =>
      call("POST", `/sessions/${id(sessionId)}/complete`, options),
    settleBankPayment: (sessionId, outcome) =>
      call("POST", `/sessions/${id(sessionId)}/settle`, { outcome }),
    expireSession: (sessionId) => call("POST", `/sessions/${id(sessionId)}/expire`, {}),
    refund: (sessionId, amount) => call("POST", `/sessions/${id(sessionId)}/refund`, { amount }),
    settleRefund: (refundId, outcome) =>
      call("POST", `/refunds/${id(refundId)}/settle`, { outcome }),
    dispute: (sessionId, options = {}) =>
      call("POST", `/sessions/${id(sessionId)}/dispute`, options),
    updateDispute: (disputeId, status) =>
      call("POST", `/disputes/${id(disputeId)}/status`, { status }),
    event: (type, object, options = {}) => call("POST", "/events", { type, object, ...options }),
    events: () => call("GET", "/events"),
    connectAccount: async (accountId) => {
      await call("POST", "/accounts", { id: accountId });
    },
    disconnectAccount: async (accountId) => {
      await call("POST", "/accounts", { id: accountId, connected: false });
    },
    advanceClock: async (ms) => {
      await call("POST", "/clock/advance", { ms });
    },
    takeDue: () => call("POST", "/deliveries/due", {}),
    report: async (deliveryId, outcome) => {
      await call("POST", `/deliveries/${id(deliveryId)}/result`, { outcome });
    },
    attempts: () => call("GET", "/deliveries/attempts"),
    setDeliveryMode: async (mode) => {
      await call("POST", "/delivery-mode", mode);
    },
    requests: (pathContains) =>
      call("GET", `/requests${pathContains ? `?path=${encodeURIComponent(pathContains)}` : ""}`),
    failNext: async (rule) => {
      await call("POST", "/failures", rule);
    },
    clearFailures: async () => {
      await call("DELETE", "/failures");
    },
    setWebhookUrl: async (webhookUrl) => {
      await call("POST", "/webhook-url", { url: webhookUrl });
    },
    spawn: (options = {}) => call("POST", "/instances", options),
  };
}
