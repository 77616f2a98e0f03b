// Every binding the Worker reads, checked once at the entry so that a missing or malformed
// value is reported by name instead of failing deep inside a handler.
//
// Written as plain checks rather than a schema library: this module loads when an isolate
// starts, and building schema objects there was a fifth of the Worker's start-up CPU.

export interface Config {
  TURSO_DATABASE_URL: string;
  TURSO_AUTH_TOKEN?: string;
  /** The origin links are built under, normalised (`https://pay.example.com`). */
  PUBLIC_BASE_URL: string;
  SIGNING_SECRET: string;
  PRODUCT_NAME: string;
  PRODUCT_URL?: string;
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  STRIPE_CONNECT_WEBHOOK_SECRET?: string;
  /** Where the Stripe SDK sends requests; only set for local testing against a fake API. */
  STRIPE_API_URL?: string;
  /** Web Push (VAPID, RFC 8292): the public key, 65 bytes base64url; both keys or push is off. */
  VAPID_PUBLIC_KEY?: string;
  /** The private key's 32 bytes, base64url (secret). */
  VAPID_PRIVATE_KEY?: string;
  /** The contact push services may use: a `mailto:` or `https:` address. */
  VAPID_SUBJECT?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

const DATABASE_PROTOCOLS = ["libsql:", "https:", "http:", "wss:", "ws:"];
const WEB_PROTOCOLS = ["https:", "http:"];

/** Reads the bindings, collecting every problem rather than stopping at the first. */
class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Record<string, unknown>) {}

  /** The value as a string; undefined (with the problem noted) when missing or not a string. */
  required(name: string): string | undefined {
    const value = this.env[name];
    if (typeof value === "string") return value;
    this.problems.push(value === undefined ? `${name} is missing` : `${name} must be a string`);
    return undefined;
  }

  /** Blank is how an unset variable often arrives (`KEY=` in .dev.vars, an empty --var). */
  optional(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || (typeof value === "string" && value.trim() === "")) {
      return undefined;
    }
    return this.required(name);
  }

  check(name: string, ok: boolean, message: string): boolean {
    if (!ok) this.problems.push(`${name} ${message}`);
    return ok;
  }

  url(name: string, value: string | undefined, protocols: string[]): URL | undefined {
    if (value === undefined) return undefined;
    const parsed = parseUrl(value.trim());
    // "libsql://" parses, with an empty host; no client can connect to it.
    const ok = parsed !== null && protocols.includes(parsed.protocol) && parsed.hostname !== "";
    const starts = protocols.map((p) => `${p}//`).join(" or ");
    return this.check(name, ok, `must be a URL starting with ${starts}`)
      ? (parsed as URL)
      : undefined;
  }

  /**
   * Scheme, host and port only. Links are built as `<origin>/p/<token>` and the Worker serves its
   * routes from the root, so a path, query, fragment or credentials would make broken links (or
   * put a password into every text message). The value kept is the normalised origin.
   */
  origin(name: string, value: string | undefined, example: string): string | undefined {
    const parsed = this.url(name, value, WEB_PROTOCOLS);
    if (!parsed || value === undefined) return undefined;
    const bare =
      /^\/*$/.test(parsed.pathname) &&
      !value.includes("?") &&
      !value.includes("#") &&
      parsed.username === "" &&
      parsed.password === "";
    const message = `must be an origin only: scheme and host, without path, query or credentials (e.g. ${example})`;
    return this.check(name, bare, message) ? parsed.origin : undefined;
  }

  /** Stripe's keys and secrets never contain blanks, so a newline pasted along is trimmed away. */
  matching(name: string, value: string | undefined, pattern: RegExp, message: string) {
    const trimmed = value?.trim();
    return trimmed === undefined || this.check(name, pattern.test(trimmed), message)
      ? trimmed
      : undefined;
  }
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function parseConfig(env: Record<string, unknown>): Config {
  const read = new Reader(env);
  const databaseUrl = read.required("TURSO_DATABASE_URL");
  read.url("TURSO_DATABASE_URL", databaseUrl, DATABASE_PROTOCOLS);
  const publicBaseUrl = read.origin(
    "PUBLIC_BASE_URL",
    read.required("PUBLIC_BASE_URL"),
    "https://pay.example.com",
  );
  // Signs owner preview links and derives the key that seals stored links; long and random in
  // production (`wrangler secret put`). Used exactly as given: trimming it would change the key
  // of an existing deployment. Blanks do not count towards its length.
  const signingSecret = read.required("SIGNING_SECRET");
  if (signingSecret !== undefined) {
    read.check(
      "SIGNING_SECRET",
      signingSecret.trim().length >= 32,
      "must be at least 32 characters",
    );
  }
  const productName = read.optional("PRODUCT_NAME")?.trim() ?? "Invoice Portal";
  read.check("PRODUCT_NAME", productName.length <= 60, "must be at most 60 characters");
  const productUrl = read.optional("PRODUCT_URL")?.trim();
  read.url("PRODUCT_URL", productUrl, WEB_PROTOCOLS);
  const secretKey = read.matching(
    "STRIPE_SECRET_KEY",
    read.optional("STRIPE_SECRET_KEY"),
    /^(sk|rk)_(test|live)_\w+$/,
    "must be a Stripe secret key (sk_test_… or sk_live_…)",
  );
  const webhookSecret = (name: string) =>
    read.matching(name, read.optional(name), /^whsec_\w+$/, "must start with whsec_");
  const stripeWebhookSecret = webhookSecret("STRIPE_WEBHOOK_SECRET");
  const connectWebhookSecret = webhookSecret("STRIPE_CONNECT_WEBHOOK_SECRET");
  const stripeApiUrl = read.origin(
    "STRIPE_API_URL",
    read.optional("STRIPE_API_URL"),
    "http://127.0.0.1:12111",
  );
  // The SDK sends the secret key with every request to this origin: a live key must only ever
  // go to Stripe itself.
  read.check(
    "STRIPE_API_URL",
    !(stripeApiUrl && /^(sk|rk)_live_/.test(secretKey ?? "")),
    "must not be set together with a live Stripe key: it is for tests against a fake Stripe API and would send the live key there",
  );
  const vapidPublicKey = read.matching(
    "VAPID_PUBLIC_KEY",
    read.optional("VAPID_PUBLIC_KEY"),
    // An uncompressed P-256 point: 65 bytes starting 0x04, which base64url writes as "B…".
    /^B[\w-]{86}$/,
    "must be a P-256 public key, 87 base64url characters (npm run vapid-keys makes a pair)",
  );
  const vapidPrivateKey = read.matching(
    "VAPID_PRIVATE_KEY",
    read.optional("VAPID_PRIVATE_KEY"),
    /^[\w-]{43}$/,
    "must be a P-256 private key, 43 base64url characters (npm run vapid-keys makes a pair)",
  );
  const vapidSubject = read.matching(
    "VAPID_SUBJECT",
    read.optional("VAPID_SUBJECT"),
    /^(mailto:\S+@\S+|https:\/\/\S+)$/,
    "must be a mailto: or https: address",
  );
  if (read.problems.length) throw new ConfigError(read.problems);
  return {
    TURSO_DATABASE_URL: (databaseUrl as string).trim(),
    TURSO_AUTH_TOKEN: read.optional("TURSO_AUTH_TOKEN")?.trim(),
    PUBLIC_BASE_URL: publicBaseUrl as string,
    SIGNING_SECRET: signingSecret as string,
    PRODUCT_NAME: productName,
    PRODUCT_URL: productUrl,
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: connectWebhookSecret,
    STRIPE_API_URL: stripeApiUrl,
    VAPID_PUBLIC_KEY: vapidPublicKey,
    VAPID_PRIVATE_KEY: vapidPrivateKey,
    VAPID_SUBJECT: vapidSubject,
  };
}

const cache = new WeakMap<object, Config>();

/** Parses the bindings once per environment object; throws ConfigError naming each bad variable. */
export function readConfig(env: object): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const config = parseConfig(env as Record<string, unknown>);
  cache.set(env, config);
  return config;
}
