// What the migrate command says when it cannot do its work. It runs at deploy time, by a
// person, so each failure is one sentence naming what to check, never a stack trace; and the
// token, which may also travel in the URL (?authToken=), is never printed.

/** The database's address as it may be shown: scheme, host and path, without query or user. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === "/" ? "" : parsed.pathname;
    return parsed.host ? `${parsed.protocol}//${parsed.host}${path}` : `${parsed.protocol}${path}`;
  } catch {
    return url;
  }
}

function chain(error: unknown): Error[] {
  const errors: Error[] = [];
  for (let e = error; e instanceof Error && errors.length < 5; e = e.cause) errors.push(e);
  return errors;
}

/** One line explaining why the migrations could not run against `url`. */
export function explainMigrateError(error: unknown, url: string): string {
  const errors = chain(error);
  const where = displayUrl(url);
  // fetch() reports every network failure as "fetch failed"; the reason is in its cause.
  const network = errors.find((e) => e instanceof TypeError && /fetch failed/i.test(e.message));
  if (network) {
    const cause = network.cause as { code?: unknown; message?: unknown } | undefined;
    const reason = typeof cause?.code === "string" ? cause.code : String(cause?.message ?? "");
    return `cannot reach the database at ${where}${reason ? ` (${reason})` : ""}: check the URL and that the database is running`;
  }
  const refused = errors.some((e) => {
    const code = (e as { code?: unknown }).code;
    return code === "UNAUTHORIZED" || /HTTP status 40[13]\b/.test(e.message);
  });
  if (refused) {
    return `the database at ${where} refused the token: check --token or TURSO_AUTH_TOKEN (e.g. turso db tokens create <db>)`;
  }
  const first = errors[0];
  return first ? first.message : String(error);
}
