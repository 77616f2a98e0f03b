import type { Stack } from "../test/e2e/stack";
import type { DelayProxy } from "./delay-proxy";

// The far-database scenario: the Worker near the customer, the database one round trip away
// (the delay proxy). What the customer waits for is the time to the first byte; with the
// database that far, each round trip the request makes before answering shows as one more
// multiple of the round-trip time. Stripe's API (the local fake) is not delayed: these figures
// count the database only.

export interface FarRequest {
  /** Least time to the response's headers over the runs, ms. */
  ttfbMs: number;
  /** Median time to the response's headers, ms. */
  medianTtfbMs: number;
  /**
   * Least ttfb / round-trip time. The least: the delays are timers, which a busy machine can
   * only make later, so the least run is the one least slowed by waiting for a core.
   */
  ratio: number;
  /** Database requests per request (each one round trip). */
  roundTrips: number;
  /** New connections opened to the database per request (each costs the handshakes too). */
  newConnections: number;
  runs: number;
}

export interface FarDatabase {
  rttMs: number;
  /** The same view with the database next door, in the same run (least of 10): the Worker's own time. */
  nearViewTtfbMs: number;
  view: FarRequest;
  payNewSession: FarRequest;
  payAgain: FarRequest;
  webhook: FarRequest;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function timed(
  proxy: DelayProxy,
  rttMs: number,
  runs: number,
  send: () => Promise<Response>,
  expect: number,
): Promise<FarRequest> {
  const times: number[] = [];
  proxy.resetStats();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await send();
    times.push(performance.now() - started);
    await response.arrayBuffer();
    if (response.status !== expect) {
      throw new Error(`far database: answered ${response.status}, expected ${expect}`);
    }
  }
  const { requests, newConnections } = proxy.stats();
  const ttfbMs = Math.min(...times);
  return {
    ttfbMs: Math.round(ttfbMs),
    medianTtfbMs: Math.round(median(times)),
    ratio: Math.round((ttfbMs / rttMs) * 100) / 100,
    roundTrips: requests / runs,
    newConnections: newConnections / runs,
    runs,
  };
}

/** `viewPath` is read only; `payPath` must be a payable invoice's link, used only here. */
export async function measureFarDatabase(
  stack: Stack,
  proxy: DelayProxy,
  paths: { view: string; pay: string },
  rttMs = 150,
): Promise<FarDatabase> {
  const fake = stack.stripe?.fake;
  if (!fake) throw new Error("the far-database scenario needs the fake Stripe API");
  const get = () => fetch(`${stack.baseUrl}${paths.view}`);
  const pay = () =>
    fetch(`${stack.baseUrl}${paths.pay}/pay`, { method: "POST", redirect: "manual" });
  const near = await timed(proxy, rttMs, 10, get, 200);
  proxy.setRtt(rttMs);
  try {
    // Once warm: the Worker has connected to the database before.
    for (let i = 0; i < 3; i++) await (await get()).arrayBuffer();
    const view = await timed(proxy, rttMs, 10, get, 200);
    const before = new Set(fake.sessions.keys());
    const payNewSession = await timed(proxy, rttMs, 1, pay, 303);
    const payAgain = await timed(proxy, rttMs, 5, pay, 303);
    const session = [...fake.sessions.keys()].find((id) => !before.has(id));
    if (!session) throw new Error("Pay Now made no Checkout Session");
    // The bench carries this one event itself, to time it: the fake must not send it first.
    fake.setWebhookUrl(null);
    const signed = await fake.completeSession(session);
    const webhook = await timed(
      proxy,
      rttMs,
      1,
      () =>
        fetch(`${stack.baseUrl}/webhooks/stripe`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Stripe-Signature": signed.signature },
          body: signed.payload,
        }),
      200,
    );
    return { rttMs, nearViewTtfbMs: near.ttfbMs, view, payNewSession, payAgain, webhook };
  } finally {
    proxy.setRtt(0);
  }
}
