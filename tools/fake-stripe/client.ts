import type { EventJson } from "./objects";
import type { FailureRule, RecordedRequest, SignedEvent } from "./server";
import type { FakeSession } from "./store";

// The fake's test controls over HTTP, for code that cannot hold the FakeStripe object: tests
// inside workerd, or a browser test driving a fake started elsewhere. Uses only fetch, so it
// runs in Node and in workerd alike.

export interface FakeStripeClient {
  url: string;
  session(id: string): Promise<FakeSession>;
  /** Sessions created for one `client_reference_id` (the portal sends the invoice id). */
  sessionsFor(clientReferenceId: string): Promise<FakeSession[]>;
  completeSession(
    id: string,
    options?: { paymentStatus?: "paid" | "unpaid"; deliver?: boolean },
  ): Promise<SignedEvent>;
  settleBankPayment(
    id: string,
    outcome: "succeeded" | "failed",
    options?: { deliver?: boolean },
  ): Promise<SignedEvent>;
  expireSession(id: string, options?: { deliver?: boolean }): Promise<SignedEvent>;
  refund(id: string, amount?: number, options?: { deliver?: boolean }): Promise<SignedEvent>;
  /** Any event (of any type), signed for the platform or, with `account`, the Connect endpoint. */
  event(
    type: string,
    object: EventJson["data"]["object"],
    options?: { account?: string; deliver?: boolean },
  ): Promise<SignedEvent>;
  requests(pathContains?: string): Promise<RecordedRequest[]>;
  failNext(rule: FailureRule): Promise<void>;
  setWebhookUrl(url: string | null): Promise<void>;
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
    settleBankPayment: (sessionId, outcome, options = {}) =>
      call("POST", `/sessions/${id(sessionId)}/settle`, { outcome, ...options }),
    expireSession: (sessionId, options = {}) =>
      call("POST", `/sessions/${id(sessionId)}/expire`, options),
    refund: (sessionId, amount, options = {}) =>
      call("POST", `/sessions/${id(sessionId)}/refund`, { amount, ...options }),
    event: (type, object, options = {}) => call("POST", "/events", { type, object, ...options }),
    requests: (pathContains) =>
      call("GET", `/requests${pathContains ? `?path=${encodeURIComponent(pathContains)}` : ""}`),
    failNext: async (rule) => {
      await call("POST", "/failures", rule);
    },
    setWebhookUrl: async (webhookUrl) => {
      await call("POST", "/webhook-url", { url: webhookUrl });
    },
  };
}
