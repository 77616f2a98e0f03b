import { parentPort, workerData } from "node:worker_threads";

// One load run, in its own thread so that the local database server on the main thread is not
// slowed by the load generator. `connections` loops each send one request at a time over
// keep-alive connections (Node's fetch pools them) until the time or the request count is up.

const { url, connections, durationMs, maxRequests } = workerData;

const latencies = [];
let sent = 0;
let errors = 0;
let wrongStatus = 0;
const statuses = {};
const start = performance.now();
const deadline = start + durationMs;

async function loop() {
  while (performance.now() < deadline && sent < maxRequests) {
    sent++;
    const began = performance.now();
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) latencies.push(performance.now() - began);
      else {
        wrongStatus++;
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    } catch {
      errors++;
    }
  }
}

await Promise.all(Array.from({ length: connections }, loop));
parentPort.postMessage({
  latencies,
  errors,
  wrongStatus,
  statuses,
  elapsedMs: performance.now() - start,
});
