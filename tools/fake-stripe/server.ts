import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { controlRoutes } from "./control";
import { expandCharge, expandList, expandSession } from "./expand";
import { FormError, type FormObject, parseForm } from "./form";
import { type EventJson, stripeId } from "./objects";
import { donePage, payPage } from "./pay-page";
import { type Account, API_VERSION, FakeStripeStore, type StoredEvent } from "./store";
import { ApiError, readSessionRequest } from "./validate";

// A small stand-in for Stripe's API on loopback, for tests and local development: only the
// endpoints this project calls, answering with Stripe's documented shapes and errors, plus a
// hosted "Checkout" page and helpers that move sessions along and sign webhook events.

export interface FakeStripeOptions {
  /** 0 or absent: any free port. */
  port?: number;
  host?: string;
  /** Where signed events are POSTed as they happen (e.g. the Worker's /webhooks/stripe). */
  webhookUrl?: string | null;
  webhookSecret?: string;
  connectWebhookSecret?: string;
  /** Clock in milliseconds, for tests that move time. */
  now?: () => number;
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
  /** The webhook endpoint's answer, when the event was delivered. */
  delivery?: { status: number; body: string };
}

export interface CompleteOptions {
  /** "paid": a card payment; "unpaid": a US bank account debit left processing. */
  paymentStatus?: "paid" | "unpaid";
  /** Deliver to the webhook URL (default: when one is configured). */
  deliver?: boolean;
}

export interface FakeStripe {
  url: string;
  port: number;
  /** Any `sk_test_…` key is accepted; this one is handy for configuration. */
  secretKey: string;
  webhookSecret: string;
  connectWebhookSecret: string;
  sessions: FakeStripeStore["sessions"];
  charges: FakeStripeStore["charges"];
  events: StoredEvent[];
  requests: RecordedRequest[];
  setWebhookUrl(url: string | null): void;
  completeSession(id: string, options?: CompleteOptions): Promise<SignedEvent>;
  settleBankPayment(
    id: string,
    outcome: "succeeded" | "failed",
    options?: { deliver?: boolean },
  ): Promise<SignedEvent>;
  expireSession(id: string, options?: { deliver?: boolean }): Promise<SignedEvent>;
  refund(id: string, amount?: number, options?: { deliver?: boolean }): Promise<SignedEvent>;
  /** Signs any event with the secret of its endpoint (Connect events: the Connect secret). */
  sign(event: EventJson): Promise<SignedEvent>;
  deliver(signed: SignedEvent, url?: string): Promise<{ status: number; body: string }>;
  failNext(rule: FailureRule): void;
  close(): Promise<void>;
}

/** Marks errors thrown while checking parameters: Stripe saves no idempotent result for them. */
function beforeExecution<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ApiError) error.beforeExecution = true;
    throw error;
  }
}

const secret = (label: string) => `whsec_${label}${stripeId("x", 32).slice(2)}`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function apiKeyOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? "";
  if (header.startsWith("Bearer ")) return header.slice(7).trim();
  if (header.startsWith("Basic ")) {
    return Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0] ?? null;
  }
  return null;
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const host = options.host ?? "127.0.0.1";
  let baseUrl = "";
  let webhookUrl = options.webhookUrl ?? null;
  const nowMs = options.now ?? (() => Date.now());
  const store = new FakeStripeStore(() => baseUrl, nowMs);
  const requests: RecordedRequest[] = [];
  const failures: FailureRule[] = [];
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const webhookSecret = options.webhookSecret ?? secret("fake");
  const connectWebhookSecret = options.connectWebhookSecret ?? secret("fakeconnect");

  const sign = async (event: EventJson): Promise<SignedEvent> => {
    const payload = JSON.stringify(event, null, 2);
    const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: event.account ? connectWebhookSecret : webhookSecret,
    });
    return { event, payload, signature };
  };

  const deliver = async (signed: SignedEvent, url = webhookUrl ?? undefined) => {
    if (!url) throw new Error("No webhook URL to deliver to");
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Stripe-Signature": signed.signature,
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
      body: signed.payload,
    });
    return { status: response.status, body: await response.text() };
  };

  /** Signs an event and, unless told not to, delivers it to the configured webhook URL. */
  const publish = async (event: EventJson, shouldDeliver?: boolean): Promise<SignedEvent> => {
    const signed = await sign(event);
    if (shouldDeliver ?? webhookUrl !== null) signed.delivery = await deliver(signed);
    return signed;
  };

  // Async, so a refused step is a rejected promise like every other failure.
  const helpers = {
    completeSession: async (id: string, o: CompleteOptions = {}) =>
      publish(
        store.complete(id, o.paymentStatus === "unpaid" ? "us_bank_account" : "card"),
        o.deliver,
      ),
    settleBankPayment: async (
      id: string,
      outcome: "succeeded" | "failed",
      o: { deliver?: boolean } = {},
    ) => publish(store.settle(id, outcome), o.deliver),
    expireSession: async (id: string, o: { deliver?: boolean } = {}) =>
      publish(store.expireByTime(id), o.deliver),
    refund: async (id: string, amount?: number, o: { deliver?: boolean } = {}) =>
      publish(store.refund(id, amount), o.deliver),
    sign,
    publish,
    store,
    setWebhookUrl: (url: string | null) => {
      webhookUrl = url;
    },
    failNext: (rule: FailureRule) => {
      failures.push({ ...rule, times: rule.times ?? 1 });
    },
    requests,
  };

  function takeFailure(method: string, path: string, body: string): FailureRule | null {
    const index = failures.findIndex(
      (rule) =>
        (!rule.method || rule.method.toUpperCase() === method) &&
        (!rule.path || path.includes(rule.path)) &&
        (!rule.bodyIncludes || body.includes(rule.bodyIncludes)),
    );
    const rule = failures[index];
    if (!rule) return null;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) failures.splice(index, 1);
    return rule;
  }

  /** The v1 API: one request in, one documented answer out. */
  function api(method: string, path: string, params: FormObject, account: Account): unknown {
    const now = Math.floor(nowMs() / 1000);
    const expand = () => expandList(params);
    const id = (pattern: RegExp) => {
      const match = pattern.exec(path);
      return match ? decodeURIComponent(match[1] ?? "") : null;
    };
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const request = beforeExecution(() => readSessionRequest(params, now));
      return expandSession(store, store.createSession(request, account), expand());
    }
    const sessionId = id(/^\/v1\/checkout\/sessions\/([^/]+)$/);
    if (sessionId && method === "GET") {
      return expandSession(store, store.session(sessionId, account).session, expand());
    }
    const expireId = id(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/);
    if (expireId && method === "POST") {
      return expandSession(store, store.expireByRequest(expireId, account), expand());
    }
    const chargeId = id(/^\/v1\/charges\/([^/]+)$/);
    if (chargeId && method === "GET") {
      return expandCharge(store, store.charge(chargeId, account), expand());
    }
    throw new ApiError(404, {
      error: {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${method}: ${path}). The fake Stripe API implements only what this project calls.`,
      },
    });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = req.method ?? "GET";
    const body = method === "POST" ? await readBody(req) : "";
    const account = (req.headers["stripe-account"] as string | undefined) ?? null;
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "Request-Id": stripeId("req", 14),
      "Stripe-Version": (req.headers["stripe-version"] as string | undefined) ?? API_VERSION,
    };
    let params: FormObject = {};
    const answer = (status: number, text: string) => {
      requests.push({ method, path: url.pathname, params, account, idempotencyKey, status });
      res.writeHead(status, headers).end(text);
    };
    const fail = (error: ApiError) => answer(error.status, JSON.stringify(error.body));

    const key = apiKeyOf(req);
    if (!key || !/^(sk|rk)_test_\w+$/.test(key)) {
      return fail(
        new ApiError(401, {
          error: {
            type: "invalid_request_error",
            message: key
              ? `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`
              : "You did not provide an API key.",
          },
        }),
      );
    }
    if (account !== null && !/^acct_\w+$/.test(account)) {
      return fail(
        new ApiError(403, {
          error: {
            type: "invalid_request_error",
            code: "account_invalid",
            message: `The provided key does not have access to account '${account}' (or that account does not exist).`,
          },
        }),
      );
    }
    try {
      params = parseForm(method === "POST" ? body : url.search.slice(1));
    } catch (error) {
      const message = error instanceof Error ? error.message : "Invalid request";
      return fail(new ApiError(400, { error: { type: "invalid_request_error", message } }));
    }

    const injected = takeFailure(method, url.pathname, body);
    if (injected) {
      return fail(
        new ApiError(injected.status, {
          error: {
            type: injected.type ?? (injected.status >= 500 ? "api_error" : "invalid_request_error"),
            message: injected.message ?? "An injected failure from the fake Stripe API.",
            ...(injected.code ? { code: injected.code } : {}),
          },
        }),
      );
    }

    // Idempotency (POST only): the first result is saved and replayed for the same key and
    // parameters; the same key with other parameters is an idempotency_error.
    const scope = idempotencyKey && method === "POST" ? `${account}|${idempotencyKey}` : null;
    const fingerprint = `${method} ${url.pathname} ${JSON.stringify(params)}`;
    if (scope) {
      headers["Idempotency-Key"] = idempotencyKey ?? "";
      const saved = idempotency.get(scope);
      if (saved && saved.fingerprint !== fingerprint) {
        return fail(
          new ApiError(400, {
            error: {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          }),
        );
      }
      if (saved) {
        headers["Idempotent-Replayed"] = "true";
        return answer(saved.status, saved.body);
      }
    }
    let status = 200;
    let text: string;
    let unsaved = false;
    try {
      text = JSON.stringify(api(method, url.pathname, params, account));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      text = JSON.stringify(error.body);
      unsaved = error.beforeExecution;
    }
    // Stripe saves results once execution began; a request refused by validation is not saved.
    if (scope && !unsaved) idempotency.set(scope, { fingerprint, status, body: text });
    answer(status, text);
  }

  async function handlePayPage(req: IncomingMessage, res: ServerResponse, id: string) {
    const found = store.sessions.get(id);
    const html = { "Content-Type": "text/html; charset=utf-8" };
    if (!found) return res.writeHead(404, html).end(donePage("No such Checkout Session."));
    if (req.method !== "POST") {
      // Reading it through the store applies a due expiry first.
      store.session(id, found.account);
      return res.writeHead(200, html).end(payPage(found));
    }
    const form = new URLSearchParams(await readBody(req));
    const method = form.get("method") === "us_bank_account" ? "us_bank_account" : "card";
    try {
      const signed = await publish(store.complete(id, method));
      const target = found.session.success_url?.replaceAll("{CHECKOUT_SESSION_ID}", id);
      if (signed.delivery && signed.delivery.status >= 300) {
        console.warn(`fake Stripe: webhook answered ${signed.delivery.status}`);
      }
      if (!target) return res.writeHead(200, html).end(donePage("Payment complete."));
      return res.writeHead(303, { Location: target }).end();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return res.writeHead(409, html).end(payPage(found));
    }
  }

  const control = controlRoutes(helpers);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const route = async () => {
      if (url.pathname.startsWith("/v1/")) return handleApi(req, res, url);
      const pay = /^\/pay\/([^/]+)$/.exec(url.pathname);
      if (pay) return handlePayPage(req, res, decodeURIComponent(pay[1] ?? ""));
      if (url.pathname.startsWith("/_fake/")) return control(req, res, url, await readBody(req));
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    };
    route().catch((error: unknown) => {
      const message = error instanceof FormError || error instanceof Error ? error.message : "";
      if (!res.headersSent) {
        res
          .writeHead(500, { "Content-Type": "application/json" })
          .end(JSON.stringify({ error: { type: "api_error", message: `fake: ${message}` } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    port,
    secretKey: "sk_test_fakestripe000000000000000000",
    webhookSecret,
    connectWebhookSecret,
    sessions: store.sessions,
    charges: store.charges,
    events: store.events,
    requests,
    setWebhookUrl: helpers.setWebhookUrl,
    completeSession: helpers.completeSession,
    settleBankPayment: helpers.settleBankPayment,
    expireSession: helpers.expireSession,
    refund: helpers.refund,
    sign,
    deliver,
    failNext: helpers.failNext,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
