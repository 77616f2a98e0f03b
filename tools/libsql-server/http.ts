// The node:http request handler: routing, bearer auth, body limits, and turning every failure into
// a JSON answer. Nothing a client sends may crash the process, so each request is wrapped whole.

import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ProtocolError } from "./errors.ts";
import { runCursor, runPipeline } from "./pipeline.ts";
import { parseCursorBody, parsePipelineBody } from "./protocol.ts";
import type { StreamRegistry } from "./streams.ts";

export interface Stats {
  /** POST requests to a pipeline or cursor endpoint: one per database round trip of a client. */
  pipelineRequests: number;
  /** SQL statements run (each batch step and each statement of a sequence counts). */
  statements: number;
}

export interface HandlerOptions {
  registry: StreamRegistry;
  stats: Stats;
  authToken: string | undefined;
  maxBodyBytes?: number;
}

type Route = {
  method: "GET" | "POST";
  run: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
};

// `@libsql/client` probes versions with unauthenticated GETs, so those (and health checks) stay open.
const PUBLIC_PATHS = new Set(["/", "/health", "/version", "/v2", "/v3", "/v3-protobuf"]);

export function createHandler(options: HandlerOptions) {
  const { registry, stats, authToken } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const text = (body: string) => (_req: IncomingMessage, res: ServerResponse) =>
    sendText(res, 200, body);

  async function pipeline(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.pipelineRequests++;
    const body = parsePipelineBody(await readJson(req, maxBodyBytes));
    const stream = body.baton === null ? registry.open() : registry.take(body.baton);
    let results: Awaited<ReturnType<typeof runPipeline>>;
    try {
      results = await runPipeline(stream, body.requests);
    } catch (e) {
      registry.discard(stream); // an unexpected failure leaves the stream in an unknown state
      throw e;
    }
    sendJson(res, 200, { baton: registry.release(stream), base_url: null, results });
  }

  async function cursor(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.pipelineRequests++;
    const body = parseCursorBody(await readJson(req, maxBodyBytes));
    const stream = body.baton === null ? registry.open() : registry.take(body.baton);
    let entries: unknown[];
    try {
      entries = await runCursor(stream, body.steps);
    } catch (e) {
      registry.discard(stream);
      throw e;
    }
    const head = { baton: registry.release(stream), base_url: null };
    const lines = [head, ...entries].map((entry) => `${JSON.stringify(entry)}\n`).join("");
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(lines);
  }

  const routes: Record<string, Route> = {
    "/": { method: "GET", run: text("libSQL development server (Hrana over HTTP, JSON)\n") },
    "/health": { method: "GET", run: text("ok\n") },
    "/version": { method: "GET", run: text("local-libsql-server hrana-3-json\n") },
    "/v2": { method: "GET", run: text("") },
    "/v3": { method: "GET", run: text("") },
    "/v2/pipeline": { method: "POST", run: pipeline },
    "/v3/pipeline": { method: "POST", run: pipeline },
    "/v3/cursor": { method: "POST", run: cursor },
    // Development-only extension, not part of Hrana: lets a benchmark count round trips.
    "/_stats": { method: "GET", run: (_req, res) => sendJson(res, 200, { ...stats }) },
    "/_stats/reset": {
      method: "POST",
      run: (_req, res) => {
        stats.pipelineRequests = 0;
        stats.statements = 0;
        sendJson(res, 200, { ...stats });
      },
    },
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/(.)\/+$/, "$1");
    if (!PUBLIC_PATHS.has(path) && authToken !== undefined && !authorized(req, authToken)) {
      res.setHeader("www-authenticate", 'Bearer realm="libsql"');
      throw new ProtocolError(
        "Unauthorized: send the header `Authorization: Bearer <token>`",
        "UNAUTHORIZED",
        401,
      );
    }
    const route = routes[path];
    if (!route) {
      const hint = path.startsWith("/v3-protobuf")
        ? " (the Protobuf encoding is not supported; use JSON)"
        : "";
      throw new ProtocolError(`No endpoint ${req.method} ${path}${hint}`, "NOT_FOUND", 404);
    }
    if (req.method !== route.method && !(route.method === "GET" && req.method === "HEAD")) {
      res.setHeader("allow", route.method);
      throw new ProtocolError(
        `${path} only accepts ${route.method}, got ${req.method}`,
        "METHOD_NOT_ALLOWED",
        405,
      );
    }
    await route.run(req, res);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    dispatch(req, res).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof ProtocolError) {
        sendJson(res, e.status, { message: e.message, code: e.code });
      } else {
        const message = e instanceof Error ? e.message : String(e);
        sendJson(res, 500, {
          message: `Internal server error: ${message}`,
          code: "INTERNAL_ERROR",
        });
      }
      // Unread request data would otherwise stall the keep-alive connection.
      if (!req.complete) req.resume();
    });
  };
}

function authorized(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  if (!match) return false;
  const given = Buffer.from((match[1] as string).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    // Past the limit keep draining without storing, so the 413 answer can still be delivered.
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit)
    throw new ProtocolError(`Request body is larger than ${limit} bytes`, "BODY_TOO_LARGE", 413);
  const body = Buffer.concat(chunks).toString("utf8");
  if (body.trim() === "") throw new ProtocolError("Request body is empty; expected a JSON object");
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new ProtocolError(`Request body is not valid JSON: ${(e as Error).message}`);
  }
}

// `@libsql/client` parses error bodies only when the content type is exactly "application/json".
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
}
