import { z } from "zod";

// Every binding the Worker reads, checked once at the entry so that a missing or malformed
// value is reported by name instead of failing deep inside a handler.

const parseUrl = (value: string): URL | null => {
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        const parsed = parseUrl(value);
        // "libsql://" parses, with an empty host; no client can connect to it.
        return parsed !== null && protocols.includes(parsed.protocol) && parsed.hostname !== "";
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    );

/**
 * Scheme, host and port only. Links are built as `<origin>/p/<token>` and the Worker serves its
 * routes from the root, so a path, query, fragment or credentials would make broken links (or
 * put a password into every text message). The value kept is the normalised origin.
 */
const origin = (protocols: string[], example: string) =>
  url(protocols)
    .refine((value) => {
      // Also runs when the value is no URL at all; that is reported once, by url().
      const parsed = parseUrl(value);
      return (
        parsed === null ||
        (/^\/*$/.test(parsed.pathname) &&
          !value.includes("?") &&
          !value.includes("#") &&
          parsed.username === "" &&
          parsed.password === "")
      );
    }, `must be an origin only: scheme and host, without path, query or credentials (e.g. ${example})`)
    .transform((value) => parseUrl(value)?.origin ?? value);

/** Blank is how an unset variable often arrives (`KEY=` in .dev.vars, an empty --var). */
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

// Stripe's keys and secrets never contain blanks, so a newline pasted along is trimmed away.
const stripeKey = z
  .string()
  .trim()
  .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)");
const webhookSecret = z
  .string()
  .trim()
  .regex(/^whsec_\w+$/, "must start with whsec_");

export const configSchema = z
  .object({
    TURSO_DATABASE_URL: url(["libsql:", "https:", "http:", "wss:", "ws:"]),
    TURSO_AUTH_TOKEN: optional(z.string().trim().min(1)),
    PUBLIC_BASE_URL: origin(["https:", "http:"], "https://pay.example.com"),
    // Signs owner preview links and derives the key that seals stored links; long and random in
    // production (`wrangler secret put`). Used exactly as given: trimming it would change the key
    // of an existing deployment. Blanks do not count towards its length.
    SIGNING_SECRET: z
      .string()
      .refine((value) => value.trim().length >= 32, "must be at least 32 characters"),
    PRODUCT_NAME: z.preprocess(
      blankToUndefined,
      z.string().trim().min(1).max(60).default("Invoice Portal"),
    ),
    PRODUCT_URL: optional(url(["https:", "http:"])),
    STRIPE_SECRET_KEY: optional(stripeKey),
    STRIPE_WEBHOOK_SECRET: optional(webhookSecret),
    STRIPE_CONNECT_WEBHOOK_SECRET: optional(webhookSecret),
    // Where the Stripe SDK sends requests; only set for local testing against a fake API.
    STRIPE_API_URL: optional(origin(["https:", "http:"], "http://127.0.0.1:12111")),
  })
  .superRefine((config, ctx) => {
    // The SDK sends the secret key with every request to this origin: a live key must only ever
    // go to Stripe itself.
    if (config.STRIPE_API_URL && /^(sk|rk)_live_/.test(config.STRIPE_SECRET_KEY ?? "")) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_API_URL"],
        message:
          "must not be set together with a live Stripe key: it is for tests against a fake Stripe API and would send the live key there",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

const cache = new WeakMap<object, Config>();

/** Parses the bindings once per environment object; throws ConfigError naming each bad variable. */
export function readConfig(env: object): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "environment";
        if (issue.code !== "invalid_type") return `${name} ${issue.message}`;
        // zod does not report the input by default, so look at the binding itself: a number
        // or a bound object under that name is present, just of the wrong kind.
        const present = (env as Record<string, unknown>)[name] !== undefined;
        return present ? `${name} must be a ${issue.expected}` : `${name} is missing`;
      }),
    );
  }
  cache.set(env, result.data);
  return result.data;
}
