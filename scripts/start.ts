import { businesses } from "../db/schema";
import { createSetupLink, setupUrl } from "../functions/owners/setup-links";
import { startFakeStripe } from "../tools/fake-stripe/server";
import {
  buildWorker,
  DATA_DIR,
  freePort,
  localSigningSecret,
  startDatabase,
  startWorker,
  stopOnSignals,
} from "./lib/local-stack";
import { localVapidKeys } from "./lib/vapid-keys";

// `npm start`: build the Worker, start the local database (migrated, with demo data the first
// time), run the Worker under `wrangler dev`, and print the demo links to open.
//
// Without STRIPE_SECRET_KEY, payments go to the local stand-in for Stripe's API
// (tools/fake-stripe) so that Pay Now works end to end on a fresh clone with no account and no
// network; with it, to Stripe itself (test mode keys: docs/payments.md).

// Every child goes on any stop signal, even one that arrives while the stack is still starting:
// wrangler dev with its workerd (a process group of its own), the fake Stripe API and the
// database server, last started first stopped.
const running: (() => Promise<void>)[] = [];
let stopping = false;
stopOnSignals(async () => {
  stopping = true;
  for (const stop of running.reverse()) await stop();
});

const dbPort = await freePort(Number(process.env.DB_PORT ?? 8080));
const workerPort = await freePort(Number(process.env.PORT ?? 8787));

console.log("Building the Worker…");
await buildWorker();

const signingSecret = localSigningSecret();
const database = await startDatabase({
  path: `${DATA_DIR}/dev.db`,
  port: dbPort,
  signingSecret,
  linksFile: `${DATA_DIR}/demo-links.json`,
});
running.push(() => database.close());
console.log(`Local libSQL server: ${database.server.url} (file ${DATA_DIR}/dev.db)`);
for (const tag of database.applied) console.log(`Applied migration ${tag}`);

const baseUrl = `http://127.0.0.1:${workerPort}`;
const vars: Record<string, string> = {
  TURSO_DATABASE_URL: database.server.url,
  PUBLIC_BASE_URL: baseUrl,
  SIGNING_SECRET: signingSecret,
};
// Notifications to the owner's devices work out of the box with a local key pair (kept in
// .data); VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY in the environment take its place.
const vapid =
  process.env.VAPID_PUBLIC_KEY && process.env.VAPID_PRIVATE_KEY
    ? { publicKey: process.env.VAPID_PUBLIC_KEY, privateKey: process.env.VAPID_PRIVATE_KEY }
    : await localVapidKeys(DATA_DIR);
vars.VAPID_PUBLIC_KEY = vapid.publicKey;
vars.VAPID_PRIVATE_KEY = vapid.privateKey;
// Push services want a mailto: or https: contact, which the local http address is not.
vars.VAPID_SUBJECT = process.env.VAPID_SUBJECT || "mailto:demo@example.com";
const fakeStripe = process.env.STRIPE_SECRET_KEY
  ? null
  : await startFakeStripe({ port: 0, webhookUrl: `${baseUrl}/webhooks/stripe` });
if (fakeStripe) {
  running.push(() => fakeStripe.close());
  vars.STRIPE_SECRET_KEY = fakeStripe.secretKey;
  vars.STRIPE_WEBHOOK_SECRET = fakeStripe.webhookSecret;
  vars.STRIPE_CONNECT_WEBHOOK_SECRET = fakeStripe.connectWebhookSecret;
  vars.STRIPE_API_URL = fakeStripe.url;
}
const stripeNames = [
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_CONNECT_WEBHOOK_SECRET",
  "STRIPE_API_URL",
];
for (const name of [...(fakeStripe ? [] : stripeNames), "PRODUCT_NAME", "PRODUCT_URL"]) {
  const value = process.env[name];
  if (value) vars[name] = value;
}
const worker = await startWorker({
  port: workerPort,
  vars,
  log: (line) => console.log(`[worker] ${line}`),
});
running.push(() => worker.stop());

console.log(`\nThe portal is running at ${baseUrl}\n`);
if (database.links.length) {
  console.log("Demo invoices (open on a phone-width window to see the customer's view):");
  // Columns as wide as their longest entry, so every link starts in the same place.
  const numberWidth = Math.max(...database.links.map((link) => link.number.length));
  const labelWidth = Math.max(...database.links.map((link) => link.label.length));
  for (const link of database.links) {
    const number = link.number.padEnd(numberWidth);
    console.log(`  ${number}  ${link.label.padEnd(labelWidth)}  ${baseUrl}/p/${link.token}`);
  }
} else {
  console.log(`No demo links remembered; delete ${DATA_DIR}/ to start over with fresh demo data.`);
}
console.log(
  fakeStripe
    ? `\nPay Now opens a local stand-in for Stripe Checkout (${fakeStripe.url}); no real money moves.\nSet STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to use Stripe's test mode (docs/payments.md).`
    : "\nPay Now uses Stripe with the STRIPE_SECRET_KEY you set.",
);
// Passkeys need a host name, not an IP address: the owner app is opened on localhost.
const appUrl = `http://localhost:${workerPort}`;
console.log(`\nThe owner app is at ${appUrl}/app`);
console.log(
  "Notifications to the owner's devices are on (Devices → Turn on notifications), with the local Web Push keys in .data/.",
);
console.log("One-time links to set up a passkey (open one, then sign in with the passkey):");
for (const business of await database.db
  .select({ id: businesses.id, name: businesses.name })
  .from(businesses)) {
  const { token } = await createSetupLink(database.db, {
    businessId: business.id,
    now: new Date(),
  });
  console.log(`  ${business.name.padEnd(30)} ${setupUrl(appUrl, token)}`);
}
console.log("\nOwner API and CLI: see docs/api.md. Press Ctrl+C to stop.");

worker.process.once("exit", (code) => {
  if (!stopping) {
    console.error(`wrangler dev stopped (exit code ${code}).`);
    void Promise.all([database.close(), fakeStripe?.close()]).then(() => process.exit(1));
  }
});
