import { parseArgs } from "node:util";
import { startFakeStripe } from "./server";

// Runs the fake Stripe API for local development:
//   npx tsx tools/fake-stripe/cli.ts --port 12111 --webhook-url http://127.0.0.1:8787/webhooks/stripe
// and prints the variables to start the Worker with (`npm start` reads them from the environment).
// `--account acct_…` (repeatable) connects accounts; `--delivery shuffled --seed 7` sends
// webhooks late, twice and out of order.

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "12111" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    "connect-webhook-secret": { type: "string" },
    account: { type: "string", multiple: true },
    delivery: { type: "string", default: "in_order" },
    seed: { type: "string", default: "1" },
  },
});

const fake = await startFakeStripe({
  port: Number(values.port),
  webhookUrl: values["webhook-url"] ?? null,
  webhookSecret: values["webhook-secret"],
  connectWebhookSecret: values["connect-webhook-secret"],
  accounts: values.account ?? [],
  delivery:
    values.delivery === "shuffled"
      ? { mode: "shuffled", seed: Number(values.seed) }
      : { mode: "in_order" },
});

console.log(`Fake Stripe API on ${fake.url}`);
console.log(
  values["webhook-url"]
    ? `Signed events go to ${values["webhook-url"]}`
    : "No --webhook-url: events are kept, not delivered",
);
console.log("\nStart the portal with:");
console.log(`  STRIPE_API_URL=${fake.url} \\`);
console.log(`  STRIPE_SECRET_KEY=${fake.secretKey} \\`);
console.log(`  STRIPE_WEBHOOK_SECRET=${fake.webhookSecret} \\`);
console.log("  npm start");
console.log(`\nConnect events are signed with ${fake.connectWebhookSecret}`);
console.log("(STRIPE_CONNECT_WEBHOOK_SECRET, for a Worker started with wrangler dev --var).");

const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
