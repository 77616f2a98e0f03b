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

  it("treats empty optional values as unset", () => {
    expect(
      readConfig({ ...good, STRIPE_WEBHOOK_SECRET: "" }).STRIPE_WEBHOOK_SECRET,
    ).toBeUndefined();
  });
});
