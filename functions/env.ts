import { z } from "zod";

// Every binding the Worker reads, checked once at the entry so that a missing or malformed
// value is reported by name instead of failing deep inside a handler.

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    );

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const configSchema = z.object({
  TURSO_DATABASE_URL: url(["libsql:", "https:", "http:", "wss:", "ws:"]),
  TURSO_AUTH_TOKEN: optional(z.string().trim().min(1)),
  PUBLIC_BASE_URL: url(["https:", "http:"]).transform((value) => value.replace(/\/+$/, "")),
  // Signs owner preview links; long and random in production (`wrangler secret put`).
  SIGNING_SECRET: z.string().min(32, "must be at least 32 characters"),
  PRODUCT_NAME: z.string().trim().min(1).max(60).default("Invoice Portal"),
  PRODUCT_URL: optional(url(["https:", "http:"])),
  STRIPE_SECRET_KEY: optional(
    z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)"),
  ),
  STRIPE_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_\w+$/, "must start with whsec_")),
  STRIPE_CONNECT_WEBHOOK_SECRET: optional(
    z.string().regex(/^whsec_\w+$/, "must start with whsec_"),
  ),
  // Where the Stripe SDK sends requests; only set for local testing against a fake API.
  STRIPE_API_URL: optional(url(["https:", "http:"])),
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
        return issue.code === "invalid_type" && issue.input === undefined
          ? `${name} is missing`
          : `${name} ${issue.message}`;
      }),
    );
  }
  cache.set(env, result.data);
  return result.data;
}
