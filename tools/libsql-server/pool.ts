// A few idle connections kept for the next streams. Every `client.execute()` opens and closes a
// stream, so without reuse each statement would open a fresh SQLite connection; worse, the engine
// releases a closed connection only when its statement objects are garbage collected, so a busy
// benchmark would pile up hundreds of open file handles. Only connections that are back to a
// pristine state (no transaction, no temp objects, no PRAGMA or ATTACH issued) are reused.

import { Connection, type ConnectionOptions } from "./connection.ts";

export class ConnectionPool {
  #idle: Connection[] = [];
  #closed = false;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly maxIdle = 8,
  ) {}

  acquire(): Connection {
    return this.#idle.pop() ?? new Connection(this.options);
  }

  release(conn: Connection): void {
    if (!this.#closed && this.#idle.length < this.maxIdle && conn.resetForReuse()) {
      this.#idle.push(conn);
    } else {
      conn.close();
    }
  }

  close(): void {
    this.#closed = true;
    for (const conn of this.#idle.splice(0)) conn.close();
  }
}
