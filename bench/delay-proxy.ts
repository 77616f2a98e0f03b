import { Agent, createServer, request } from "node:http";
import type { AddressInfo, Socket } from "node:net";

// A far database for the benchmark: an HTTP proxy between the Worker and the local libSQL server
// that holds every request for one round-trip time (half on the way there, half on the way
// back), as if the database were on another continent. A request on a connection the proxy has
// not seen before also pays the handshakes a new connection to Turso costs (TCP, then TLS 1.3:
// one round trip each), so a client that opened a connection per request would show it.

export interface DelayProxy {
  url: string;
  /** Round-trip time added to each request, in ms (0: a plain pass-through). */
  setRtt(ms: number): void;
  setTarget(url: string): void;
  stats(): { requests: number; newConnections: number };
  resetStats(): void;
  close(): Promise<void>;
}

/** Round trips a new connection costs before its first request: TCP and TLS 1.3. */
export const HANDSHAKE_ROUND_TRIPS = 2;

const sleep = (ms: number) =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

export async function startDelayProxy(): Promise<DelayProxy> {
  let rtt = 0;
  let target: URL | null = null;
  let requests = 0;
  let newConnections = 0;
  const seen = new WeakSet<Socket>();
  const upstream = new Agent({ keepAlive: true });

  const server = createServer(async (req, res) => {
    requests++;
    const fresh = !seen.has(req.socket);
    seen.add(req.socket);
    if (fresh) newConnections++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    await sleep(rtt / 2 + (fresh ? HANDSHAKE_ROUND_TRIPS * rtt : 0));
    if (!target) {
      res.writeHead(502).end("no target");
      return;
    }
    const headers = { ...req.headers, host: target.host };
    const forward = request(
      target,
      { method: req.method, path: req.url, headers, agent: upstream },
      async (answer) => {
        const parts: Buffer[] = [];
        for await (const chunk of answer) parts.push(chunk as Buffer);
        await sleep(rtt / 2);
        const { "transfer-encoding": _chunked, ...rest } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, rest).end(Buffer.concat(parts));
      },
    );
    forward.on("error", () => res.writeHead(502).end("upstream failed"));
    forward.end(body);
  });
  // Turso keeps idle connections open for a while; so does this proxy.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setRtt: (ms) => {
      rtt = ms;
    },
    setTarget: (url) => {
      target = new URL(url);
    },
    stats: () => ({ requests, newConnections }),
    resetStats: () => {
      requests = 0;
      newConnections = 0;
    },
    close: () =>
      new Promise((resolve) => {
        upstream.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
