import { type AddressInfo, createServer } from "node:net";
import { createClient } from "@libsql/client";
import type { TestProject } from "vitest/node";
import { migrate } from "../../db/migrate";
import { startFakeStripe } from "../../tools/fake-stripe/server";
import { startLibsqlServer } from "../../tools/libsql-server/index";
import { startPushEndpoint } from "../support/push-endpoint";

// Runs in Node before the workerd tests: a real libSQL server on loopback that the Worker code
// inside workerd reaches over HTTP, exactly as it reaches Turso in production. Also the fake
// Stripe API (tools/fake-stripe), which the Stripe SDK inside workerd reaches the same way, a
// local push service that decrypts what the Worker pushes (test/support/push-endpoint.ts), and a
// loopback port where nothing listens, for tests of an unreachable database.

declare module "vitest" {
  export interface ProvidedContext {
    libsqlUrl: string;
    fakeStripeUrl: string;
    stripeSecretKey: string;
    stripeWebhookSecret: string;
    stripeConnectWebhookSecret: string;
    closedPortUrl: string;
    pushEndpointUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startLibsqlServer({ path: ":memory:", port: 0 });
  const client = createClient({ url: server.url });
  await migrate(client);
  client.close();
  project.provide("libsqlUrl", server.url);

  const stripe = await startFakeStripe();
  project.provide("fakeStripeUrl", stripe.url);
  project.provide("stripeSecretKey", stripe.secretKey);
  project.provide("stripeWebhookSecret", stripe.webhookSecret);
  project.provide("stripeConnectWebhookSecret", stripe.connectWebhookSecret);
  project.provide("closedPortUrl", await closedPortUrl());
  const push = await startPushEndpoint();
  project.provide("pushEndpointUrl", push.url);

  return async () => {
    await push.close();
    await stripe.close();
    await server.close();
  };
}

/** A loopback URL nobody listens on: a port that was free a moment ago. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
