import { env } from "cloudflare:workers";
import { FetchState, pages } from "astro/fetch";
import { createApp } from "../functions/app";
import type { PageRenderer } from "../functions/http/app-env";

// The Worker's request pipeline. The adapter has already served static assets; every other
// request reaches the Hono app, which owns all routes. A handler that renders a page puts the
// finished page model in Astro's locals and lets the matching Astro page turn it into HTML.
// Paths Hono does not know fall through to Astro (its 404 page).

const states = new WeakMap<Request, FetchState>();

const renderPage: PageRenderer = (c, page) => {
  const state = states.get(c.req.raw) ?? new FetchState(c.req.raw);
  state.locals.page = page;
  return pages(state);
};

// Each request's log line names its route pattern, never its path (the path holds the token).
const app = createApp({ renderPage, requestLog: (line) => console.log(line) });
app.notFound((c) => pages(states.get(c.req.raw) ?? new FetchState(c.req.raw)));

export default {
  fetch(request: Request): Promise<Response> | Response {
    const state = new FetchState(request);
    states.set(request, state);
    // The adapter passes the ExecutionContext to Astro through locals (for waitUntil).
    const ctx = (state.locals as { cfContext?: ExecutionContext }).cfContext;
    return app.fetch(request, env, ctx);
  },
};
