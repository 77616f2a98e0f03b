import { ApiClient } from "./api-client";
import { helpText, parseCommandLine, UsageError } from "./args";
import { bootstrap, DEFAULT_DB_URL } from "./bootstrap";
import { commands } from "./commands";
import { formatError, formatNewKey } from "./format";
import { DEFAULT_APP_URL, formatSetupLink, makeSetupLink } from "./setup-link";

export const DEFAULT_API_URL = "http://127.0.0.1:8787";

export interface Io {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
  /** The zone for showing instants; the machine's own when absent. */
  timeZone?: string;
}

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 bad usage). */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.command === "help" || parsed.global.help) {
      io.stdout(helpText());
      return 0;
    }
    const print = (output: { json: unknown; text: string }) =>
      io.stdout(parsed.global.json ? JSON.stringify(output.json, null, 2) : output.text);

    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const database = {
      dbUrl: str(parsed.options.db) ?? io.env.TURSO_DATABASE_URL ?? DEFAULT_DB_URL,
      authToken: io.env.TURSO_AUTH_TOKEN || undefined,
      appUrl: str(parsed.options["app-url"]) ?? io.env.PORTAL_APP_URL ?? DEFAULT_APP_URL,
    };
    if (parsed.command === "bootstrap") {
      const created = await bootstrap({
        name: str(parsed.options.name),
        plan: str(parsed.options.plan),
        keyName: str(parsed.options["key-name"]),
        ...database,
      });
      const { business, key } = created;
      const setup = await makeSetupLink({ businessId: business.id, ...database });
      print({
        json: {
          business: { id: business.id, name: business.name, plan: business.plan },
          api_key: key,
          setup_link: setup.url,
          setup_link_expires_at: setup.expiresAt.toISOString(),
        },
        text: `Created ${business.name} (${business.id}), ${business.plan} plan.\n\n${formatNewKey({ key })}\n${formatSetupLink(setup)}`,
      });
      return 0;
    }
    if (parsed.command === "setup-link") {
      const setup = await makeSetupLink({ businessId: str(parsed.options.business), ...database });
      print({
        json: { setup_link: setup.url, expires_at: setup.expiresAt.toISOString() },
        text: formatSetupLink(setup),
      });
      return 0;
    }

    const key = parsed.global.key ?? io.env.PORTAL_API_KEY;
    if (!key)
      throw new UsageError("No API key: pass --key or set PORTAL_API_KEY (bootstrap prints one)");
    // fetch would refuse such a header with a message about ByteStrings, not about the key.
    if (!/^[\x21-\x7e]+$/.test(key)) {
      throw new UsageError(
        "The API key has characters no key has (spaces, line breaks or non-ASCII); check --key or PORTAL_API_KEY",
      );
    }
    const baseUrl = parsed.global.api ?? io.env.PORTAL_API_URL ?? DEFAULT_API_URL;
    if (!/^https?:$/.test(URL.parse(baseUrl)?.protocol ?? "")) {
      throw new UsageError(
        `--api (or PORTAL_API_URL) must be an http:// or https:// URL, not "${baseUrl}"`,
      );
    }
    const client = new ApiClient({
      baseUrl,
      key,
      fetch: io.fetch,
    });
    const run = commands[parsed.command];
    if (!run) throw new UsageError(`Unknown command "${parsed.command}"`);
    print(
      await run({
        client,
        args: parsed.args,
        options: parsed.options,
        formatOptions: { timeZone: io.timeZone },
      }),
    );
    return 0;
  } catch (error) {
    const { text, exitCode } = formatError(error);
    io.stderr(text);
    return exitCode;
  }
}
