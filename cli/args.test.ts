import { describe, expect, it } from "vitest";
import { helpText, parseCommandLine, UsageError } from "./args";
import { decimalToMinor } from "./money";

describe("parseCommandLine", () => {
  it("reads a command, its arguments and options, with global options anywhere", () => {
    expect(
      parseCommandLine(["--json", "send", "GL-2001", "--new-link", "--api", "http://x"]),
    ).toEqual({
      command: "send",
      args: ["GL-2001"],
      options: { "new-link": true },
      global: { api: "http://x", key: undefined, json: true, help: false },
    });
    expect(
      parseCommandLine(["pay", "inv_1", "--amount=12.50", "--method", "cash"]).options,
    ).toEqual({
      amount: "12.50",
      method: "cash",
    });
  });

  it("knows two-word commands", () => {
    expect(
      parseCommandLine(["business", "set", "--name", "Greenleaf", "--color", "#3f7d20"]),
    ).toMatchObject({
      command: "business set",
      args: [],
      options: { name: "Greenleaf", color: "#3f7d20" },
    });
    expect(parseCommandLine(["business"]).command).toBe("business");
    expect(parseCommandLine(["keys", "revoke", "key_1"])).toMatchObject({
      command: "keys revoke",
      args: ["key_1"],
    });
  });

  it("defaults to help and lets --help skip argument checks", () => {
    expect(parseCommandLine([]).command).toBe("help");
    expect(parseCommandLine(["send", "--help"]).global.help).toBe(true);
    expect(helpText()).toContain("bootstrap --name");
  });

  it("refuses unknown commands, unknown options and missing arguments", () => {
    expect(() => parseCommandLine(["sned", "x"])).toThrow(/Unknown command "sned"/);
    expect(() => parseCommandLine(["send", "x", "--force"])).toThrow(UsageError);
    expect(() => parseCommandLine(["send"])).toThrow(/Usage: npm run portal -- send <invoice>/);
    expect(() => parseCommandLine(["status", "a", "b"])).toThrow(UsageError);
    expect(() => parseCommandLine(["list", "--status"])).toThrow(UsageError);
  });

  it("takes a logo file unless removing", () => {
    expect(parseCommandLine(["logo", "logo.png"]).args).toEqual(["logo.png"]);
    expect(parseCommandLine(["logo", "--remove"]).options.remove).toBe(true);
    expect(() => parseCommandLine(["logo"])).toThrow(UsageError);
  });
});

describe("decimalToMinor", () => {
  it("converts amounts exactly for the currency's minor unit", () => {
    expect(decimalToMinor("12.50", "USD")).toBe(1250);
    expect(decimalToMinor("12.5", "USD")).toBe(1250);
    expect(decimalToMinor("12", "USD")).toBe(1200);
    expect(decimalToMinor("0.07", "EUR")).toBe(7);
    expect(decimalToMinor("1500", "JPY")).toBe(1500);
  });

  it("refuses what is not an amount", () => {
    expect(() => decimalToMinor("12.505", "USD")).toThrow(/at most 2/);
    expect(() => decimalToMinor("1.5", "JPY")).toThrow(/at most 0/);
    for (const bad of ["-1", "1,50", "abc", ""]) expect(() => decimalToMinor(bad, "USD")).toThrow();
  });
});
