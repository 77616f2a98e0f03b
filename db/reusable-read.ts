import { fillPlaceholders } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql/web";
import type { RunnableQuery } from "drizzle-orm/runnable-query";

// drizzle turns a query into SQL text every time it runs: it walks the query's parts, checks
// each part's kind and quotes each name. For the reads behind a portal link that was about a
// third of a millisecond of CPU per view, the same text every time. A read whose shape never
// changes is built here once per isolate (on first use, not at start-up), against a database
// without a client, with `sql.placeholder(name)` where its values go; each request fills in
// its values and runs it in its own batch. The SQL text and the parameters are the ones
// drizzle would build for that request, and the rows are mapped by drizzle's own code.

/** What drizzle's batch asks of each item: the query, and how to turn its answer into rows. */
interface PreparedRead {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
}

interface Preparable {
  _prepare(): PreparedRead;
}

export type ReadBuilder = ReturnType<typeof drizzle.mock>;

/**
 * A read built once, for `db.batch`: `build` gets a client-less database and returns the query
 * with placeholders; the function returned takes the placeholders' values.
 */
export function reusableRead<T>(
  build: (db: ReadBuilder) => RunnableQuery<T, "sqlite">,
): (values: Record<string, unknown>) => RunnableQuery<T, "sqlite"> {
  let prepared: PreparedRead | undefined;
  return (values) => {
    // `_prepare` is drizzle's (internal) step from builder to query; batch calls nothing else.
    prepared ??= (build(drizzle.mock()) as unknown as Preparable)._prepare();
    const shape = prepared;
    const { sql, params } = shape.getQuery();
    const query = { sql, params: fillPlaceholders(params, values) };
    const item: Preparable = {
      _prepare: () => ({
        getQuery: () => query,
        mapResult: (result, isFromBatch) => shape.mapResult(result, isFromBatch),
      }),
    };
    return item as unknown as RunnableQuery<T, "sqlite">;
  };
}
