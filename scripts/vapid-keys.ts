import { generateVapidKeys } from "./lib/vapid-keys";

// `npm run vapid-keys`: a new VAPID key pair for Web Push. The public key is configuration
// (wrangler.jsonc vars), the private key a secret (`wrangler secret put VAPID_PRIVATE_KEY`).

const { publicKey, privateKey } = await generateVapidKeys();
console.log(`VAPID_PUBLIC_KEY=${publicKey}`);
console.log(`VAPID_PRIVATE_KEY=${privateKey}`);
console.log(
  "\nPut VAPID_PUBLIC_KEY in wrangler.jsonc (env.production.vars) and set the private key with" +
    "\n  npx wrangler secret put VAPID_PRIVATE_KEY --env production" +
    "\nor, for `wrangler dev`, put both lines in .dev.vars.",
);
