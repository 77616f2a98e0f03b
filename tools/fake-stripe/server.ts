import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { FakeClock } from "./clock";
import { FakeConnect, onboardingPage } from "./connect";
import { controlRoutes } from "./control";
import { type AttemptRecord, type Delivery, type DeliveryMode, Outbox } from "./delivery";
import {
  ApiError,
  invalidApiKey,
  noAccessToAccount,
  noApiKey,
  stripeError,
  unrecognizedUrl,
} from "./errors";
import { expandCharge, expandList, expandSession } from "./expand";
import { FormError, type FormObject, parseForm } from "./form";
import { type DisputeJson, type EventJson, stripeId } from "./objects";
import { donePage, payPage } from "./pay-page";
import { type Account, API_VERSION, FakeStripeStore } from "./store";
import type {
  CompleteOptions,
  DisputeOptions,
  FailureRule,
  FakeStripe,
  FakeStripeOptions,
  RecordedRequest,
  SignedDelivery,
  SignedEvent,
} from "./types";
import { readSessionRequest } from "./validate";

export type {
  CompleteOptions,
  FailureRule,
  FakeStripe,
  FakeStripeOptions,
  RecordedRequest,
  SignedDelivery,
  SignedEvent,
} from "./types";

// A small stand-in for Stripe's API on loopback, for tests and local development: only the
// endpoints this project calls, answering with Stripe's documented shapes and errors, plus a
// hosted "Checkout" page, helpers that move payments along, and webhook delivery that behaves
// like Stripe's (every event sent, failures retried, optionally late, twice and out of order).

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
  const clock = new FakeClock(options.now);
  const outbox = new Outbox(clock, options.delivery);
  const store = new FakeStripeStore(
    () => baseUrl,
    clock,
    (event) => {
      outbox.enqueue(event);
      // After the step that made it has recorded all of its events.
      setImmediate(() => void schedule());
    },
  );
  for (const account of options.accounts ?? []) store.accounts.add(account);
  const connect = new FakeConnect(
    store,
    () => baseUrl,
    () => clock.seconds(),
  );
  const secretKey = options.secretKey ?? "sk_test_fakestripe000000000000000000";
  const requests: RecordedRequest[] = [];
  const failures: FailureRule[] = [];
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const webhookSecret = options.webhookSecret ?? secret("fake");
  const connectWebhookSecret = options.connectWebhookSecret ?? secret("fakeconnect");
  const timeoutMs = options.deliveryTimeoutMs ?? 10_000;

  // Signed with the wall clock: the endpoint checks the timestamp against its own clock, which
  // the fake's clock does not move.
  const sign = async (event: EventJson): Promise<SignedEvent> => {
    const payload = JSON.stringify(event, null, 2);
    const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: event.account ? connectWebhookSecret : webhookSecret,
    });
    return { event, payload, signature };
  };

  /** Pull delivery: everything due now, signed afresh for this attempt as Stripe does. */
  const takeDue = async (): Promise<SignedDelivery[]> =>
    Promise.all(
      outbox
        .takeDue()
        .map(async (d: Delivery) => ({ id: d.id, attempt: d.attempt, ...(await sign(d.event)) })),
    );

  /** Push delivery: one attempt, POSTed like Stripe's, failed when not answered in time. */
  const post = async (delivery: SignedDelivery, url: string) => {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Stripe-Signature": delivery.signature,
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: delivery.payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      return response.status;
    } catch (error) {
      const name = (error as { name?: string }).name;
      return name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable";
    }
  };

  // One push run at a time, so the order the outbox chose is the order requests are sent in.
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let busy = false;
  function schedule(): Promise<void> {
    if (!webhookUrl) return running;
    if (busy) {
      again = true;
      return running;
    }
    busy = true;
    running = (async () => {
      try {
        do {
          again = false;
          for (const delivery of await takeDue()) {
            const url = webhookUrl;
            outbox.report(delivery.id, url ? await post(delivery, url) : "unreachable");
          }
        } while (again);
      } finally {
        busy = false;
      }
    })();
    return running;
  }

  const advanceClock = async (ms: number) => {
    clock.advance(ms);
    store.expireDue();
    await schedule();
  };

  const tickMs = options.tickMs ?? 1_000;
  const ticker =
    tickMs > 0
      ? setInterval(() => {
          store.expireDue();
          void schedule();
        }, tickMs)
      : null;
  ticker?.unref();

  const publish = (type: string, object: EventJson["data"]["object"], account: Account = null) =>
    store.emit(type, object, account);

  // Async, so a refused step is a rejected promise like every other failure.
  const helpers = {
    completeSession: async (id: string, o: CompleteOptions = {}) =>
      sign(store.complete(id, o.paymentStatus === "unpaid" ? "us_bank_account" : "card")),
    settleBankPayment: async (id: string, outcome: "succeeded" | "failed") =>
      sign(store.settle(id, outcome)),
    expireSession: async (id: string) => sign(store.expireByTime(id)),
    refund: async (id: string, amount?: number) => {
      const { event, refund } = store.refundSession(id, amount);
      return { ...(await sign(event)), refundId: refund.id };
    },
    settleRefund: async (refundId: string, outcome: "succeeded" | "failed") =>
      sign(store.settleRefund(refundId, outcome)),
    dispute: async (id: string, options: DisputeOptions = {}) => {
      const event = store.disputeSession(id, options);
      const disputeId = (event.data.object as { id: string }).id;
      return { ...(await sign(event)), disputeId };
    },
    updateDispute: async (disputeId: string, status: DisputeJson["status"]) =>
      sign(store.updateDispute(disputeId, status)),
    publish: (type: string, object: EventJson["data"]["object"], account: Account = null) =>
      sign(publish(type, object, account)),
    sign,
    store,
    outbox,
    clock,
    advanceClock,
    takeDue,
    report: (id: string, outcome: AttemptRecord["outcome"]) => outbox.report(id, outcome),
    setWebhookUrl: (url: string | null) => {
      webhookUrl = url;
      void schedule();
    },
    setDeliveryMode: (mode: DeliveryMode) => outbox.setMode(mode),
    connectAccount: (id: string) => {
      store.accounts.add(id);
    },
    disconnectAccount: (id: string) => {
      store.accounts.delete(id);
    },
    failNext: (rule: FailureRule) => {
      failures.push({ ...rule, times: rule.times ?? 1 });
    },
    clearFailures: () => {
      failures.length = 0;
    },
    requests,
    spawn: (extra: Partial<FakeStripeOptions>) =>
      startFakeStripe({ host, tickMs: 0, ...extra }).then((child) => {
        children.push(child);
        return child;
      }),
  };
  const children: FakeStripe[] = [];

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
    const now = clock.seconds();
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
    const refundId = id(/^\/v1\/refunds\/([^/]+)$/);
    if (refundId && method === "GET") return store.refund(refundId, account);
    if (method === "POST" && path === "/v1/accounts" && account === null) {
      return beforeExecution(() => connect.createAccount(params));
    }
    const accountId = id(/^\/v1\/accounts\/([^/]+)$/);
    if (accountId && method === "GET" && account === null) return connect.account(accountId);
    if (method === "POST" && path === "/v1/account_links" && account === null) {
      return beforeExecution(() => connect.createLink(params));
    }
    const disputeId = id(/^\/v1\/disputes\/([^/]+)$/);
    if (disputeId && method === "GET") return store.dispute(disputeId, account);
    throw unrecognizedUrl(method, path);
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

    // Only this fake's own key, as Stripe accepts only the account's current keys.
    const key = apiKeyOf(req);
    if (!key) return fail(noApiKey());
    if (key !== secretKey) return fail(invalidApiKey(key));
    // A connected account exists only once it was created (or seeded).
    if (account !== null && !store.accounts.has(account)) {
      return fail(noAccessToAccount(key, account));
    }
    try {
      params = parseForm(method === "POST" ? body : url.search.slice(1));
    } catch (error) {
      const message = error instanceof Error ? error.message : "Invalid request";
      return fail(stripeError(400, { type: "invalid_request_error", message }));
    }

    const injected = takeFailure(method, url.pathname, body);
    if (injected) {
      return fail(
        stripeError(injected.status, {
          type: injected.type ?? (injected.status >= 500 ? "api_error" : "invalid_request_error"),
          message: injected.message ?? "An injected failure from the fake Stripe API.",
          code: injected.code,
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
          stripeError(400, {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
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
      // Its events go out through the outbox, as Stripe's do: the customer may well be back on
      // the success page before the webhook arrives.
      store.complete(id, method);
      const target = found.session.success_url?.replaceAll("{CHECKOUT_SESSION_ID}", id);
      if (!target) return res.writeHead(200, html).end(donePage("Payment complete."));
      return res.writeHead(303, { Location: target }).end();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return res.writeHead(409, html).end(payPage(found));
    }
  }

  async function handleOnboarding(req: IncomingMessage, res: ServerResponse, linkId: string) {
    const html = { "Content-Type": "text/html; charset=utf-8" };
    const state = connect.linkState(linkId);
    if (state === "missing") return res.writeHead(404, html).end(donePage("No such link."));
    if (state === "refresh") {
      return res.writeHead(303, { Location: connect.refreshUrl(linkId) ?? "/" }).end();
    }
    if (req.method !== "POST") {
      const account = connect.links.get(linkId)?.account ?? "";
      return res.writeHead(200, html).end(onboardingPage(linkId, account));
    }
    await readBody(req);
    const { returnUrl } = connect.completeOnboarding(linkId);
    return res.writeHead(303, { Location: returnUrl }).end();
  }

  const control = controlRoutes(helpers);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const route = async () => {
      if (url.pathname.startsWith("/v1/")) return handleApi(req, res, url);
      const pay = /^\/pay\/([^/]+)$/.exec(url.pathname);
      if (pay) return handlePayPage(req, res, decodeURIComponent(pay[1] ?? ""));
      const onboarding = /^\/onboarding\/([^/]+)$/.exec(url.pathname);
      if (onboarding) return handleOnboarding(req, res, decodeURIComponent(onboarding[1] ?? ""));
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
    secretKey,
    webhookSecret,
    connectWebhookSecret,
    clock,
    outbox,
    sessions: store.sessions,
    charges: store.charges,
    refunds: store.refunds,
    disputes: store.disputes,
    connect,
    events: store.events,
    requests,
    attempts: outbox.attempts,
    setWebhookUrl: helpers.setWebhookUrl,
    setDeliveryMode: helpers.setDeliveryMode,
    connectAccount: helpers.connectAccount,
    disconnectAccount: helpers.disconnectAccount,
    completeSession: helpers.completeSession,
    settleBankPayment: helpers.settleBankPayment,
    expireSession: helpers.expireSession,
    refund: helpers.refund,
    settleRefund: helpers.settleRefund,
    dispute: helpers.dispute,
    updateDispute: helpers.updateDispute,
    publish: helpers.publish,
    sign,
    advanceClock,
    takeDue,
    report: helpers.report,
    idle: () => schedule(),
    failNext: helpers.failNext,
    clearFailures: helpers.clearFailures,
    close: async () => {
      if (ticker) clearInterval(ticker);
      await Promise.all(children.map((child) => child.close()));
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
