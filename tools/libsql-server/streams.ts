// Streams and their batons.
//
// A stream is one SQLite connection plus its stored SQL texts. Over HTTP the client refers to it
// with a baton that changes on every answer, which serialises the requests of a stream. A stream
// nobody talks to for `idleTimeoutMs` is closed, rolling back its transaction: a client that died
// mid-transaction must not keep the write lock forever (sqld uses 10 s too).

import { randomBytes } from "node:crypto";
import type { Connection } from "./connection.ts";
import { ProtocolError } from "./errors.ts";
import type { ConnectionPool } from "./pool.ts";

export class Stream {
  /** SQL texts stored with store_sql; their scope is this stream. */
  readonly sqls = new Map<number, string>();
  #conn: Connection | undefined;
  #closed = false;

  constructor(
    readonly id: number,
    private readonly pool: ConnectionPool,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** The connection is opened on first use, so a stream that is only closed costs nothing. */
  get connection(): Connection {
    if (this.#closed) throw new Error("stream is closed");
    this.#conn ??= this.pool.acquire();
    return this.#conn;
  }

  get isAutocommit(): boolean {
    return !this.#conn?.inTransaction;
  }

  /** End the stream: its transaction is rolled back and the connection goes back to the pool. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.sqls.clear();
    if (this.#conn) this.pool.release(this.#conn);
  }
}

const EXPIRED_MEMORY = 1000; // remember that many expired stream ids, for a clearer error message

export class StreamRegistry {
  #nextId = 1;
  #streams = new Map<number, Stream>();
  /** Current baton of every idle stream; a stream busy with a request has none. */
  #batons = new Map<string, Stream>();
  #batonOf = new Map<Stream, string>();
  #timers = new Map<Stream, NodeJS.Timeout>();
  #expired = new Set<number>();

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly pool: ConnectionPool,
  ) {}

  get size(): number {
    return this.#streams.size;
  }

  /** A new stream, already taken for the current request. */
  open(): Stream {
    const stream = new Stream(this.#nextId++, this.pool);
    this.#streams.set(stream.id, stream);
    return stream;
  }

  /** Find the stream for `baton` and mark it busy; the baton is spent from now on. */
  take(baton: string): Stream {
    const stream = this.#batons.get(baton);
    if (stream) {
      this.#batons.delete(baton);
      this.#batonOf.delete(stream);
      clearTimeout(this.#timers.get(stream));
      this.#timers.delete(stream);
      return stream;
    }
    const id = Number(baton.split(".", 1)[0]);
    if (this.#expired.has(id)) {
      throw new ProtocolError(
        `The stream of this baton expired after ${this.idleTimeoutMs} ms without requests; ` +
          "its open transaction, if any, was rolled back",
        "STREAM_EXPIRED",
      );
    }
    if (this.#streams.has(id)) {
      throw new ProtocolError(
        "This baton was already used: each answer carries a new baton, and requests on one stream must wait for the previous answer",
        "BATON_REUSED",
      );
    }
    throw new ProtocolError(
      "Unknown baton: no such stream (it was closed, or the server restarted)",
      "BATON_INVALID",
    );
  }

  /** The request is done: hand out the next baton, or null if the stream was closed. */
  release(stream: Stream): string | null {
    if (stream.closed) {
      this.#streams.delete(stream.id);
      return null;
    }
    const baton = `${stream.id}.${randomBytes(18).toString("base64url")}`;
    this.#batons.set(baton, stream);
    this.#batonOf.set(stream, baton);
    const timer = setTimeout(() => this.#expire(stream), this.idleTimeoutMs);
    timer.unref();
    this.#timers.set(stream, timer);
    return baton;
  }

  /** Close a stream whatever its state (after an internal error, or at shutdown). */
  discard(stream: Stream): void {
    stream.close();
    this.#forget(stream);
  }

  closeAll(): void {
    for (const stream of [...this.#streams.values()]) this.discard(stream);
  }

  #expire(stream: Stream): void {
    if (!this.#batonOf.has(stream)) return; // busy again, or gone
    try {
      this.discard(stream);
    } catch {
      // Runs in a timer: an engine error while closing must not take the process down.
      this.#forget(stream);
    }
    this.#expired.add(stream.id);
    if (this.#expired.size > EXPIRED_MEMORY) {
      const oldest = this.#expired.values().next().value;
      if (oldest !== undefined) this.#expired.delete(oldest);
    }
  }

  #forget(stream: Stream): void {
    const baton = this.#batonOf.get(stream);
    if (baton !== undefined) this.#batons.delete(baton);
    this.#batonOf.delete(stream);
    clearTimeout(this.#timers.get(stream));
    this.#timers.delete(stream);
    this.#streams.delete(stream.id);
  }
}
