import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";

// One log line per request. It names the route pattern (`/p/:token`), never the path: the path
// of a portal link is its secret token, and a log is read by more people, and kept longer, than
// a link is meant to be. Written as an object, so Workers Logs indexes its fields.

export interface RequestLine {
  message: "request";
  method: string;
  route: string;
  status: number;
  ms: number;
  requestId?: string;
}

/** The pattern of the route that answered (the last one matched), e.g. `/p/:token/pdf`. */
export function routeOf(c: Context): string {
  return routePath(c, -1) || "(no route)";
}

export function requestLog(write: (line: RequestLine) => void) {
  return createMiddleware(async (c, next) => {
    const started = Date.now();
    try {
      await next();
    } finally {
      write({
        message: "request",
        method: c.req.method,
        route: routeOf(c),
        status: c.res.status,
        ms: Date.now() - started,
        ...(c.get("requestId") ? { requestId: c.get("requestId") } : {}),
      });
    }
  });
}
