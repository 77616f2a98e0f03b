import WebSocket from "ws";

// CPU profiles of a Worker's isolate in workerd, taken through its DevTools inspector (the same
// protocol Chrome DevTools speaks): `wrangler dev --inspector-port` for the benchmark, Miniflare
// for the start-up test. V8 samples the isolate's thread at a fixed interval; workerd marks the
// isolate idle whenever no request holds it, so a sample that is not "(idle)" is an interval
// the isolate spent running.

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: {
      functionName: string;
      url: string;
      lineNumber: number;
      columnNumber: number;
    };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A DevTools session with one isolate, at its WebSocket address. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/**
 * Profiles the isolate at `webSocketUrl` while `work` runs, sampling every `intervalUs`
 * microseconds.
 */
export async function profileIsolate(
  webSocketUrl: string,
  work: () => Promise<unknown>,
  intervalUs = 200,
): Promise<CpuProfile> {
  const session = await connect(webSocketUrl);
  try {
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: intervalUs });
    await session.send("Profiler.start");
    // The profiler is stopped whether or not the work succeeds.
    const failed = await work().then(
      () => null,
      (error: unknown) => ({ error }),
    );
    const { profile } = await session.send<{ profile: CpuProfile }>("Profiler.stop");
    await session.send("Profiler.disable");
    if (failed) throw failed.error;
    return profile;
  } finally {
    session.close();
  }
}
