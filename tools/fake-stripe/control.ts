import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventJson } from "./objects";
import type { FailureRule, RecordedRequest, SignedEvent } from "./server";
import type { FakeStripeStore } from "./store";
import { ApiError } from "./validate";

// `/_fake/…`: the fake's test controls over HTTP (JSON in, JSON out), for tests that run in
// another process or runtime (workerd, a browser test) and cannot call its methods directly.
// client.ts wraps them. Not part of Stripe's API.

export interface ControlTarget {
  store: FakeStripeStore;
  requests: RecordedRequest[];
  completeSession(
    id: string,
    options: { paymentStatus?: "paid" | "unpaid"; deliver?: boolean },
  ): Promise<SignedEvent>;
  settleBankPayment(
    id: string,
    outcome: "succeeded" | "failed",
    options: { deliver?: boolean },
  ): Promise<SignedEvent>;
  expireSession(id: string, options: { deliver?: boolean }): Promise<SignedEvent>;
  refund(
    id: string,
    amount: number | undefined,
    options: { deliver?: boolean },
  ): Promise<SignedEvent>;
  publish(event: EventJson, deliver?: boolean): Promise<SignedEvent>;
  setWebhookUrl(url: string | null): void;
  failNext(rule: FailureRule): void;
}

type Json = Record<string, unknown>;

export function controlRoutes(target: ControlTarget) {
  const { store } = target;
  const deliverOf = (body: Json) =>
    typeof body.deliver === "boolean" ? { deliver: body.deliver } : {};

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
        return target.completeSession(id, { paymentStatus, ...deliverOf(body) });
      }
      if (action === "settle") {
        const outcome = body.outcome === "failed" ? "failed" : "succeeded";
        return target.settleBankPayment(id, outcome, deliverOf(body));
      }
      if (action === "expire") return target.expireSession(id, deliverOf(body));
      if (action === "refund") {
        const amount = typeof body.amount === "number" ? body.amount : undefined;
        return target.refund(id, amount, deliverOf(body));
      }
      return null;
    }
    if (method === "GET" && path === "/_fake/sessions") {
      const reference = url.searchParams.get("client_reference_id");
      return [...store.sessions.values()].filter(
        (s) => reference === null || s.session.client_reference_id === reference,
      );
    }
    if (method === "POST" && path === "/_fake/events") {
      // Any event, e.g. a type the endpoint does not handle; signed, delivered only if asked.
      const type = String(body.type ?? "");
      const object = (body.object ?? {}) as EventJson["data"]["object"];
      const account = typeof body.account === "string" ? body.account : null;
      return target.publish(store.emit(type, object, account), body.deliver === true);
    }
    if (method === "GET" && path === "/_fake/requests") {
      const filter = url.searchParams.get("path");
      return target.requests.filter((r) => filter === null || r.path.includes(filter));
    }
    if (method === "POST" && path === "/_fake/failures") {
      target.failNext(body as unknown as FailureRule);
      return { ok: true };
    }
    if (method === "POST" && path === "/_fake/webhook-url") {
      target.setWebhookUrl(typeof body.url === "string" ? body.url : null);
      return { ok: true };
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
