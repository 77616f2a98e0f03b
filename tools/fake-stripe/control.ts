import type { IncomingMessage, ServerResponse } from "node:http";
import type { AttemptRecord, DeliveryMode } from "./delivery";
import { ApiError } from "./errors";
import type { DisputeJson, EventJson } from "./objects";
import type { Account, FakeStripeStore } from "./store";
import type {
  DisputeOptions,
  FailureRule,
  FakeStripe,
  FakeStripeOptions,
  RecordedRequest,
  SignedDelivery,
  SignedEvent,
} from "./types";

// `/_fake/…`: the fake's test controls over HTTP (JSON in, JSON out), for tests that run in
// another process or runtime (workerd, a browser test) and cannot call its methods directly.
// client.ts wraps them. Not part of Stripe's API.

export interface ControlTarget {
  store: FakeStripeStore;
  requests: RecordedRequest[];
  completeSession(id: string, options: { paymentStatus?: "paid" | "unpaid" }): Promise<SignedEvent>;
  settleBankPayment(id: string, outcome: "succeeded" | "failed"): Promise<SignedEvent>;
  expireSession(id: string): Promise<SignedEvent>;
  refund(id: string, amount: number | undefined): Promise<SignedEvent & { refundId: string }>;
  settleRefund(refundId: string, outcome: "succeeded" | "failed"): Promise<SignedEvent>;
  dispute(id: string, options: DisputeOptions): Promise<SignedEvent & { disputeId: string }>;
  updateDispute(disputeId: string, status: DisputeJson["status"]): Promise<SignedEvent>;
  publish(
    type: string,
    object: EventJson["data"]["object"],
    account: Account,
  ): Promise<SignedEvent>;
  advanceClock(ms: number): Promise<void>;
  clock: { now(): number };
  outbox: { nextDueAt(firstOnly?: boolean): number | null; attempts: AttemptRecord[] };
  takeDue(): Promise<SignedDelivery[]>;
  report(id: string, outcome: AttemptRecord["outcome"]): AttemptRecord;
  setWebhookUrl(url: string | null): void;
  setDeliveryMode(mode: DeliveryMode): void;
  connectAccount(id: string): void;
  disconnectAccount(id: string): void;
  failNext(rule: FailureRule): void;
  clearFailures(): void;
  spawn(options: Partial<FakeStripeOptions>): Promise<FakeStripe>;
}

type Json = Record<string, unknown>;

function deliveryMode(value: unknown): DeliveryMode {
  const mode = (value ?? {}) as Json;
  if (mode.mode !== "shuffled") return { mode: "in_order" };
  return {
    mode: "shuffled",
    seed: Number(mode.seed ?? 1),
    ...(typeof mode.maxDelayMs === "number" ? { maxDelayMs: mode.maxDelayMs } : {}),
    ...(typeof mode.duplicateRate === "number" ? { duplicateRate: mode.duplicateRate } : {}),
  };
}

export function controlRoutes(target: ControlTarget) {
  const { store } = target;
  const outcomeOf = (value: unknown): AttemptRecord["outcome"] =>
    typeof value === "number" ? value : value === "timeout" ? "timeout" : "unreachable";

  async function route(method: string, path: string, url: URL, body: Json): Promise<unknown> {
    const session = /^\/_fake\/sessions\/([^/]+)(?:\/(\w+))?$/.exec(path);
    if (session) {
      const id = decodeURIComponent(session[1] ?? "");
      const action = session[2];
      if (method === "GET" && !action) {
        const found = store.sessions.get(id);
        if (!found) throw new ApiError(404, { error: { type: "not_found", message: id } });
        return found;
      }
      if (method !== "POST") return null;
      if (action === "complete") {
        const paymentStatus = body.paymentStatus === "unpaid" ? "unpaid" : "paid";
        return target.completeSession(id, { paymentStatus });
      }
      if (action === "settle") {
        return target.settleBankPayment(id, body.outcome === "failed" ? "failed" : "succeeded");
      }
      if (action === "expire") return target.expireSession(id);
      if (action === "refund") {
        return target.refund(id, typeof body.amount === "number" ? body.amount : undefined);
      }
      if (action === "dispute") {
        return target.dispute(id, {
          inquiry: body.inquiry === true,
          ...(typeof body.reason === "string" ? { reason: body.reason } : {}),
        });
      }
      return null;
    }
    const dispute = /^\/_fake\/disputes\/([^/]+)\/status$/.exec(path);
    if (dispute && method === "POST") {
      const status = String(body.status ?? "") as DisputeJson["status"];
      return target.updateDispute(decodeURIComponent(dispute[1] ?? ""), status);
    }
    const refund = /^\/_fake\/refunds\/([^/]+)\/settle$/.exec(path);
    if (refund && method === "POST") {
      const id = decodeURIComponent(refund[1] ?? "");
      return target.settleRefund(id, body.outcome === "failed" ? "failed" : "succeeded");
    }
    if (method === "GET" && path === "/_fake/sessions") {
      const reference = url.searchParams.get("client_reference_id");
      return [...store.sessions.values()].filter(
        (s) => reference === null || s.session.client_reference_id === reference,
      );
    }
    if (method === "GET" && path === "/_fake/events") {
      return store.events.map((stored) => stored.event);
    }
    if (method === "POST" && path === "/_fake/events") {
      // Any event, e.g. a type the endpoint does not handle; recorded, signed and queued.
      const type = String(body.type ?? "");
      const object = (body.object ?? {}) as EventJson["data"]["object"];
      const account = typeof body.account === "string" ? body.account : null;
      return target.publish(type, object, account);
    }
    if (method === "POST" && path === "/_fake/accounts") {
      const id = String(body.id ?? "");
      if (body.connected === false) target.disconnectAccount(id);
      else target.connectAccount(id);
      return { ok: true };
    }
    if (method === "POST" && path === "/_fake/clock/advance") {
      await target.advanceClock(Number(body.ms ?? 0));
      return { now: target.clock.now() };
    }
    if (method === "GET" && path === "/_fake/clock") return { now: target.clock.now() };
    if (method === "POST" && path === "/_fake/deliveries/due") {
      const deliveries = await target.takeDue();
      return {
        deliveries,
        nextDueAt: target.outbox.nextDueAt(),
        nextFirstTryAt: target.outbox.nextDueAt(true),
        now: target.clock.now(),
      };
    }
    const report = /^\/_fake\/deliveries\/([^/]+)\/result$/.exec(path);
    if (report && method === "POST") {
      return target.report(decodeURIComponent(report[1] ?? ""), outcomeOf(body.outcome));
    }
    if (method === "GET" && path === "/_fake/deliveries/attempts") return target.outbox.attempts;
    if (method === "POST" && path === "/_fake/delivery-mode") {
      target.setDeliveryMode(deliveryMode(body));
      return { ok: true };
    }
    if (method === "GET" && path === "/_fake/requests") {
      const filter = url.searchParams.get("path");
      return target.requests.filter((r) => filter === null || r.path.includes(filter));
    }
    if (method === "POST" && path === "/_fake/failures") {
      target.failNext(body as unknown as FailureRule);
      return { ok: true };
    }
    if (method === "DELETE" && path === "/_fake/failures") {
      target.clearFailures();
      return { ok: true };
    }
    if (method === "POST" && path === "/_fake/webhook-url") {
      target.setWebhookUrl(typeof body.url === "string" ? body.url : null);
      return { ok: true };
    }
    if (method === "POST" && path === "/_fake/instances") {
      // Another, independent fake (own key, secrets, clock and outbox), e.g. one per test file.
      const child = await target.spawn({
        delivery: deliveryMode(body.delivery),
        accounts: Array.isArray(body.accounts) ? body.accounts.map(String) : [],
      });
      return {
        url: child.url,
        secretKey: child.secretKey,
        webhookSecret: child.webhookSecret,
        connectWebhookSecret: child.connectWebhookSecret,
      };
    }
    return null;
  }

  return async (req: IncomingMessage, res: ServerResponse, url: URL, text: string) => {
    const json = { "Content-Type": "application/json" };
    try {
      const body = text ? (JSON.parse(text) as Json) : {};
      const result = await route(req.method ?? "GET", url.pathname, url, body);
      if (result === null) return res.writeHead(404, json).end('{"error":{"type":"not_found"}}');
      res.writeHead(200, json).end(JSON.stringify(result));
    } catch (error) {
      if (error instanceof ApiError) {
        return res.writeHead(error.status, json).end(JSON.stringify(error.body));
      }
      throw error;
    }
  };
}
