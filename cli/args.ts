import { parseArgs } from "node:util";

// Command-line parsing: a command word (two for `business set`, `keys create`, `keys revoke`),
// positional arguments and --options. Global options work before or after the command.

export class UsageError extends Error {
  override name = "UsageError";
}

type OptionKind = "string" | "boolean";

export interface CommandSpec {
  /** Positional argument names, all required. */
  args: string[];
  options: Record<string, OptionKind>;
  summary: string;
}

const GLOBAL: Record<string, OptionKind> = {
  api: "string",
  key: "string",
  json: "boolean",
  help: "boolean",
};

const invoiceArg = ["invoice"];

export const COMMANDS: Record<string, CommandSpec> = {
  bootstrap: {
    args: [],
    options: {
      name: "string",
      plan: "string",
      db: "string",
      "key-name": "string",
      "app-url": "string",
    },
    summary:
      'bootstrap --name "Business" [--plan pro] [--db URL]   create a business, its first API key and a passkey setup link',
  },
  "setup-link": {
    args: [],
    options: { business: "string", db: "string", "app-url": "string" },
    summary:
      "setup-link --business ID [--db URL] [--app-url URL]   a one-time link to add a passkey (recovery)",
  },
  business: {
    args: [],
    options: {},
    summary: "business                      show the business profile",
  },
  "business set": {
    args: [],
    options: {
      name: "string",
      address: "string",
      phone: "string",
      email: "string",
      website: "string",
      color: "string",
      accent: "string",
      currency: "string",
      locale: "string",
      timezone: "string",
      plan: "string",
      "stripe-account": "string",
    },
    summary: "business set --name … --color #hex …   edit the profile and branding",
  },
  logo: {
    args: [],
    options: { remove: "boolean" },
    summary: "logo <file.png|file.jpg> | logo --remove   upload or remove the logo",
  },
  keys: { args: [], options: {}, summary: "keys                          list API keys" },
  "keys create": {
    args: [],
    options: { name: "string" },
    summary: "keys create [--name …]        create another API key",
  },
  "keys revoke": {
    args: ["key id"],
    options: {},
    summary: "keys revoke <key id>          revoke a key (not the one in use)",
  },
  create: {
    args: ["invoice.json"],
    options: {},
    summary: "create <invoice.json>         create a draft invoice",
  },
  edit: {
    args: ["invoice", "changes.json"],
    options: {},
    summary: "edit <invoice> <changes.json> edit a draft or unpaid invoice",
  },
  send: {
    args: invoiceArg,
    options: { "new-link": "boolean" },
    summary: "send <invoice> [--new-link]   send; prints the link and a text message",
  },
  "new-link": {
    args: invoiceArg,
    options: {},
    summary: "new-link <invoice>            issue a fresh link, revoking the old one",
  },
  revoke: {
    args: invoiceArg,
    options: {},
    summary: "revoke <invoice>              turn the link off (Revoke Access)",
  },
  void: {
    args: invoiceArg,
    options: {},
    summary: "void <invoice>                void the invoice",
  },
  pay: {
    args: invoiceArg,
    options: { amount: "string", method: "string", reference: "string", date: "string" },
    summary:
      "pay <invoice> --amount 12.50 --method cash|check|other [--reference …] [--date YYYY-MM-DD]",
  },
  status: {
    args: invoiceArg,
    options: {},
    summary: "status <invoice>              state, total, balance, views, link",
  },
  list: {
    args: [],
    options: {
      status: "string",
      state: "string",
      overdue: "boolean",
      paid: "boolean",
      viewed: "boolean",
      search: "string",
      limit: "string",
      cursor: "string",
    },
    summary: "list [--status draft|sent|void] [--overdue] [--paid] [--viewed] [--search …]",
  },
  preview: {
    args: invoiceArg,
    options: {},
    summary: "preview <invoice>             a preview link that never counts as a view",
  },
  timeline: {
    args: invoiceArg,
    options: {},
    summary: "timeline <invoice>            what happened, in order",
  },
  help: { args: [], options: {}, summary: "help                          this text" },
};

export interface ParsedCommand {
  command: string;
  args: string[];
  options: Record<string, string | boolean | undefined>;
  global: { api?: string; key?: string; json: boolean; help: boolean };
}

function commandOf(words: string[]): string {
  const [first = "help", second] = words;
  const two = second ? `${first} ${second}` : "";
  if (two && COMMANDS[two]) return two;
  if (COMMANDS[first]) return first;
  throw new UsageError(`Unknown command "${first}". Run "npm run portal -- help" for the list.`);
}

export function parseCommandLine(argv: string[]): ParsedCommand {
  // First pass: find the command among the positionals, whatever options surround it.
  const loose = parseArgs({ args: argv, strict: false, allowPositionals: true });
  const command = commandOf(loose.positionals);
  const spec = COMMANDS[command] as CommandSpec;
  const options = Object.fromEntries(
    Object.entries({ ...GLOBAL, ...spec.options }).map(([name, type]) => [name, { type }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.split("\n")[0]} (${command}: ${spec.summary.trim()})`,
    );
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const words = command.split(" ").length;
  const args = parsed.positionals.slice(words);
  const wantsHelp = values.help === true || command === "help";
  const expected = command === "logo" && !values.remove ? 1 : spec.args.length;
  if (!wantsHelp && args.length !== expected) {
    throw new UsageError(`Usage: npm run portal -- ${spec.summary.split("  ")[0]?.trim()}`);
  }
  const { api, key, json, help, ...commandOptions } = values;
  return {
    command,
    args,
    options: commandOptions,
    global: {
      api: typeof api === "string" ? api : undefined,
      key: typeof key === "string" ? key : undefined,
      json: json === true,
      help: help === true,
    },
  };
}

export function helpText(): string {
  const lines = Object.values(COMMANDS).map((spec) => `  ${spec.summary}`);
  return [
    "Usage: npm run portal -- <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "<invoice> is an invoice id (inv_…) or its number (GL-2001).",
    "Options for every command: --api URL (or PORTAL_API_URL, default http://127.0.0.1:8787),",
    "  --key KEY (or PORTAL_API_KEY), --json for machine-readable output.",
  ].join("\n");
}
