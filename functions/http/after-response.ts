import type { Context } from "hono";

/** Queues work that runs after the response; it never fails the request it came from. */
export type AfterResponse = (work: Promise<unknown>) => void;

/** Where queued work is kept alive: the Worker's `waitUntil`, or a test app that awaits it. */
export type KeepAlive = (settled: Promise<void>) => void;

/**
 * The one way to do work after the response (a view recorded, a key's last use). Its failure is
 * logged, never thrown. In the Worker the runtime keeps it alive with `waitUntil`; the test app
 * passes `keep` to collect it, so tests await the work instead of sleeping.
 */
export function afterResponseFor(c: Context, keep?: KeepAlive): AfterResponse {
  return (work) => {
    const settled = work.then(
      () => undefined,
      (error: unknown) => console.error("Work after the response failed:", error),
    );
    if (keep) return keep(settled);
    try {
      c.executionCtx.waitUntil(settled);
    } catch {
      // Called without an ExecutionContext (Hono's `app.request` in a test runtime): the work
      // still runs to its end, only nothing extends the request's life for it.
    }
  };
}
