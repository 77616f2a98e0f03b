import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./env";

const good = {
  TURSO_DATABASE_URL: "http://127.0.0.1:8080",
  PUBLIC_BASE_URL: "https://pay.example.com/",
  SIGNING_SECRET: "x".repeat(32),
};

describe("readConfig", () => {
  it("accepts a minimal configuration and fills defaults", () => {
    const config = readConfig({ ...good });
    expect(config.PUBLIC_BASE_URL).toBe("https://pay.example.com");
    expect(config.PRODUCT_NAME).toBe("Invoice Portal");
    expect(config.STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("names every missing or malformed variable", () => {
    try {
      readConfig({ PUBLIC_BASE_URL: "ftp://nope", SIGNING_SECRET: "short" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain("TURSO_DATABASE_URL is missing");
      expect(message).toContain("PUBLIC_BASE_URL must be a URL");
      expect(message).toContain("SIGNING_SECRET must be at least 32 characters");
    }
  });

  it("rejects a publishable key where a secret key belongs", () => {
    expect(() => readConfig({ ...good, STRIPE_SECRET_KEY: "pk_test_123" })).toThrow(
      /STRIPE_SECRET_KEY must be a Stripe secret key/,
    );
  });

  it("reads the VAPID keys, and leaves push off when they are blank", () => {
    const keys = {
      VAPID_PUBLIC_KEY: `B${"a".repeat(86)}\n`,
      VAPID_PRIVATE_KEY: "k".repeat(43),
      VAPID_SUBJECT: "mailto:owner@example.com",
    };
    expect(readConfig({ ...good, ...keys })).toMatchObject({
      VAPID_PUBLIC_KEY: `B${"a".repeat(86)}`,
      VAPID_PRIVATE_KEY: "k".repeat(43),
      VAPID_SUBJECT: "mailto:owner@example.com",
    });
    const blank = readConfig({ ...good, VAPID_PUBLIC_KEY: "", VAPID_SUBJECT: "" });
    expect(blank.VAPID_PUBLIC_KEY).toBeUndefined();
    expect(blank.VAPID_SUBJECT).toBeUndefined();
  });

  it("names a malformed VAPID key or subject", () => {
    const bad = {
      ...good,
      VAPID_PUBLIC_KEY: "not-a-key",
      VAPID_PRIVATE_KEY: "short",
      VAPID_SUBJECT: "http://pay.example.com",
    };
    expect(() => readConfig(bad)).toThrow(/VAPID_PUBLIC_KEY must be a P-256 public key/);
    expect(() => readConfig(bad)).toThrow(/VAPID_PRIVATE_KEY must be a P-256 private key/);
    expect(() => readConfig(bad)).toThrow(/VAPID_SUBJECT must be a mailto: or https: address/);
  });

  it("treats empty optional values as unset", () => {
    expect(
      readConfig({ ...good, STRIPE_WEBHOOK_SECRET: "" }).STRIPE_WEBHOOK_SECRET,
    ).toBeUndefined();
  });

  it("says a variable has the wrong type rather than that it is missing", () => {
    expect(() => readConfig({ ...good, SIGNING_SECRET: 12345 })).toThrow(
      /SIGNING_SECRET must be a string/,
    );
    expect(() => readConfig({ ...good, SIGNING_SECRET: 12345 })).not.toThrow(/missing/);
  });

  it("rejects a signing secret of blanks", () => {
    expect(() => readConfig({ ...good, SIGNING_SECRET: " ".repeat(40) })).toThrow(
      /SIGNING_SECRET must be at least 32 characters/,
    );
  });

  it.each([
    ["a path", "https://pay.example.com/portal"],
    ["a query", "https://pay.example.com?x=1"],
    ["a fragment", "https://pay.example.com#top"],
    ["credentials", "https://user:pass@pay.example.com"],
  ])("rejects PUBLIC_BASE_URL with %s, since links are built under it", (_name, value) => {
    expect(() => readConfig({ ...good, PUBLIC_BASE_URL: value })).toThrow(
      /PUBLIC_BASE_URL must be an origin only/,
    );
  });

  it("keeps PUBLIC_BASE_URL as its normalised origin", () => {
    expect(
      readConfig({ ...good, PUBLIC_BASE_URL: "HTTPS://Pay.Example.com:443/" }).PUBLIC_BASE_URL,
    ).toBe("https://pay.example.com");
  });

  it("rejects a URL without a host, or without a scheme", () => {
    expect(() => readConfig({ ...good, TURSO_DATABASE_URL: "libsql://" })).toThrow(
      /TURSO_DATABASE_URL must be a URL/,
    );
    expect(() => readConfig({ ...good, PUBLIC_BASE_URL: "pay.example.com" })).toThrow(
      /^Invalid configuration: PUBLIC_BASE_URL must be a URL starting with https:\/\/ or http:\/\/$/,
    );
  });

  it("treats blank optional values as unset, and blank PRODUCT_NAME as the default", () => {
    const config = readConfig({
      ...good,
      TURSO_AUTH_TOKEN: "  ",
      STRIPE_SECRET_KEY: " ",
      PRODUCT_NAME: "",
    });
    expect(config.TURSO_AUTH_TOKEN).toBeUndefined();
    expect(config.STRIPE_SECRET_KEY).toBeUndefined();
    expect(config.PRODUCT_NAME).toBe("Invoice Portal");
  });

  it("accepts Stripe secrets pasted with a trailing newline", () => {
    const config = readConfig({
      ...good,
      STRIPE_SECRET_KEY: "sk_test_123\n",
      STRIPE_WEBHOOK_SECRET: " whsec_abc\n",
    });
    expect(config.STRIPE_SECRET_KEY).toBe("sk_test_123");
    expect(config.STRIPE_WEBHOOK_SECRET).toBe("whsec_abc");
  });

  it("refuses to send a live Stripe key to another API origin", () => {
    expect(() =>
      readConfig({
        ...good,
        STRIPE_SECRET_KEY: "sk_live_123",
        STRIPE_API_URL: "http://127.0.0.1:12111",
      }),
    ).toThrow(/STRIPE_API_URL .*live/);
    expect(
      readConfig({
        ...good,
        STRIPE_SECRET_KEY: "sk_test_123",
        STRIPE_API_URL: "http://127.0.0.1:12111",
      }).STRIPE_API_URL,
    ).toBe("http://127.0.0.1:12111");
  });
});
