import { env } from "cloudflare:workers";
import { FetchState, pages } from "astro/fetch";
import { createApp } from "../functions/app";
import type { PageRenderer } from "../functions/http/app-env";

// The Worker's request pipeline. The adapter has already served static assets; every other
// request reaches the Hono app, which owns all routes. A handler that renders a page puts the
// finished page model in Astro's locals and lets the matching Astro page turn it into HTML.
// Paths Hono does not know fall through to Astro (its 404 page).

const states = new WeakMap<Request, FetchState>();

/**
 * The Astro state that renders a page model. Every page model is drawn by the one page at
 * `/p/[token]`, but some come from other paths (Pay Now on a revoked link, a PDF while the
 * database is down): Astro routes by path and would answer those with its 404 page, so they are
 * rendered as a GET of the page's own path, with the same headers and locals.
 */
function pageState(request: Request): FetchState {
  const state = states.get(request) ?? new FetchState(request);
  const url = new URL(request.url);
  const pagePath = url.pathname.match(/^\/p\/[^/]+/)?.[0] ?? "/p/-";
  if ((request.method === "GET" || request.method === "HEAD") && url.pathname === pagePath) {
    return state;
  }
  const page = new Request(new URL(pagePath, url), { method: "GET", headers: request.headers });
  const rendered = new FetchState(page);
  Object.assign(rendered.locals, state.locals);
  return rendered;
}

const renderPage: PageRenderer = (c, page) => {
  if (page.kind === "owner") {
    // The owner app's one page (src/pages/app/[...path].astro) answers every path under /app.
    const state = states.get(c.req.raw) ?? new FetchState(c.req.raw);
    state.locals.ownerPage = page;
    return pages(state);
  }
  const state = pageState(c.req.raw);
  state.locals.page = page;
  // The page model is complete before Astro runs and the page awaits nothing, so streaming it
  // would send the same bytes in pieces, each one a trip through an async iterator and the
  // runtime's stream. Rendered whole, it costs less CPU and goes out with its Content-Length.
  state.streaming = false;
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
