// A write refused by a unique index surfaces as an error whose message names the columns
// ("UNIQUE constraint failed: invoices.business_id, invoices.number"), possibly wrapped by
// drizzle or by the client's batch error. The verbs turn it into a 409 the caller can act on.

/** The columns of the unique index that refused the write, or null for any other error. */
export function uniqueViolation(error: unknown): string[] | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : "";
    const match = /UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)/.exec(message);
    if (match?.[1]) return match[1].split(", ");
    current = current instanceof Error ? current.cause : null;
  }
  return null;
}

/** Runs a write; a unique violation becomes the error `map` names (if any), others pass through. */
export async function onUniqueViolation<T>(
  write: () => Promise<T>,
  map: (columns: string[]) => Error | null,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const columns = uniqueViolation(error);
    const mapped = columns ? map(columns) : null;
    throw mapped ?? error;
  }
}
