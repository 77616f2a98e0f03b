// The tables of the owner's side: API keys, passkeys, sessions and setup links, sign-in rate
// limits, push subscriptions and the overdue digest's marks. Loaded with the owner's routes and
// the scheduled work, never by a customer's request (portal-tables.ts holds those).
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { businesses, CLIENT_KINDS, createdAt, invoices } from "./portal-tables";

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    name: text("name").notNull().default(""),
    // First characters of the key, so an owner can tell keys apart without the secret.
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Authentication looks a key up by its hash on every API call.
    uniqueIndex("api_keys_key_hash_unique").on(t.keyHash),
  ],
);
// Invoices already named in an owner's overdue digest, one row each, so that an invoice is in
// a digest once. A run first claims its rows (run id, claim time), sends the digest, then marks
// them sent; a failed send deletes its claims so the next run tries again. A claim that is
// neither sent nor released belongs to a run that died, and a later run may take it over.
export const overdueDigestMarks = sqliteTable(
  "overdue_digest_marks",
  {
    invoiceId: text("invoice_id")
      .primaryKey()
      .references(() => invoices.id, { onDelete: "cascade" }),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    // The business's calendar day of the digest: one digest a day per business.
    digestDate: text("digest_date").notNull(),
    runId: text("run_id").notNull(),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Each run asks whether a business already had today's digest.
    index("overdue_digest_marks_business_day_idx").on(t.businessId, t.digestDate),
  ],
);

// The owner app signs in with passkeys only. A passkey belongs to one business; its public key
// is kept as SPKI (or raw Ed25519) bytes, ready for WebCrypto, with its COSE algorithm.
export const ownerPasskeys = sqliteTable(
  "owner_passkeys",
  {
    id: text("id").primaryKey(),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    // The authenticator's credential id, base64url.
    credentialId: text("credential_id").notNull(),
    publicKey: blob("public_key", { mode: "buffer" }).notNull(),
    algorithm: integer("algorithm").notNull(),
    signCount: integer("sign_count").notNull().default(0),
    name: text("name").notNull().default(""),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Signing in finds the passkey by the credential id the browser returns.
    uniqueIndex("owner_passkeys_credential_unique").on(t.credentialId),
    index("owner_passkeys_business_idx").on(t.businessId),
  ],
);

// Signed-in browsers. Only the SHA-256 of the cookie's token is stored.
export const ownerSessions = sqliteTable(
  "owner_sessions",
  {
    id: text("id").primaryKey(),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    tokenHash: text("token_hash").notNull(),
    passkeyId: text("passkey_id"),
    clientKind: text("client_kind", { enum: CLIENT_KINDS }).notNull().default("unknown"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Every owner request resolves its session by the cookie's hash.
    uniqueIndex("owner_sessions_token_hash_unique").on(t.tokenHash),
    index("owner_sessions_business_idx").on(t.businessId),
  ],
);

// One-time links that register a passkey: printed by the CLI for the first passkey (or for
// recovery), or made in the app to add another device.
export const setupLinks = sqliteTable(
  "setup_links",
  {
    id: text("id").primaryKey(),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("setup_links_token_hash_unique").on(t.tokenHash)],
);

export const WEBAUTHN_PURPOSES = ["register", "sign_in"] as const;

// WebAuthn challenges, each usable once and briefly: deleted by the request that answers it.
export const webauthnChallenges = sqliteTable("webauthn_challenges", {
  id: text("id").primaryKey(),
  challenge: text("challenge").notNull(),
  purpose: text("purpose", { enum: WEBAUTHN_PURPOSES }).notNull(),
  // For registration: the setup link being used.
  setupLinkId: text("setup_link_id"),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

// Fixed-window counters for signing in, per business and per client.
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

// Web Push subscriptions: one per signed-in device that turned notifications on. Tied to its
// session, so signing that device out (or removing its passkey) ends its notifications too. The
// endpoint is the push service's address for this browser; p256dh and auth are the browser's
// keys the messages are encrypted to (RFC 8291), base64url as the browser gives them.
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: text("id").primaryKey(),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    sessionId: text("session_id")
      .notNull()
      .references(() => ownerSessions.id),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // A device has one subscription: turning notifications on again replaces it.
    uniqueIndex("push_subscriptions_session_unique").on(t.sessionId),
    index("push_subscriptions_business_idx").on(t.businessId),
  ],
);

export type OwnerPasskey = typeof ownerPasskeys.$inferSelect;
export type OwnerSession = typeof ownerSessions.$inferSelect;
export type PushSubscription = typeof pushSubscriptions.$inferSelect;
