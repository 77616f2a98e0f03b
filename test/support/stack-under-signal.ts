import { startWorker, stopOnSignals } from "../../scripts/lib/local-stack";

// Runs `wrangler dev` the way `npm start` does (scripts/lib/local-stack.ts), with the same stop
// handling, for the test that signals this process and then checks that nothing is left.
// Arguments: <wrangler config> <port>. Prints "ready" once the Worker answers.

const [config, port] = process.argv.slice(2);
const worker = await startWorker({ port: Number(port), vars: {}, config });
stopOnSignals(() => worker.stop());
console.log("ready");
