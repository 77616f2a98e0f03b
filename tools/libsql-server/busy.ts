// Waiting for SQLite's write lock without blocking the event loop.
//
// Every stream has its own connection, and all of them live in this one Node thread. SQLite's own
// busy timeout would sleep inside the engine call and freeze the whole server, including the very
// stream that holds the lock and would release it on its next request: a guaranteed stall. So the
// connections run with busy_timeout = 0 and a statement that hits SQLITE_BUSY waits here instead,
// asynchronously: it is woken as soon as some stream finishes a statement or closes (the usual way
// the lock gets released), and polls with a short backoff in case the lock belongs to another
// process using the same file. Waiters wake in arrival order, so writers queue roughly FIFO.

export class BusyGate {
  #waiters: Array<() => void> = [];
  #closed = false;

  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Resolve when the lock may have been released, or after `maxDelayMs` at the latest.
   * Callers re-check their own deadline and retry the statement.
   */
  wait(maxDelayMs: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        const i = this.#waiters.indexOf(done);
        if (i >= 0) this.#waiters.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, maxDelayMs));
      this.#waiters.push(done);
    });
  }

  /** Something that could have released the write lock just happened: let every waiter retry. */
  notify(): void {
    if (this.#waiters.length === 0) return;
    for (const wake of this.#waiters.slice()) wake();
  }

  /** Wake everybody for good (server shutdown); later waits resolve immediately. */
  close(): void {
    this.#closed = true;
    this.notify();
  }
}

/** Poll interval for attempt `n` (0-based): 2, 4, 8, ... capped at 50 ms. */
export function backoffMs(attempt: number): number {
  return Math.min(50, 2 ** (attempt + 1));
}
