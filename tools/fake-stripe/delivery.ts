import type { FakeClock } from "./clock";
import { type EventJson, stripeId } from "./objects";

// Webhook delivery as Stripe does it: every event goes to the endpoint; an answer that is not
// 2xx, or none within the timeout, is tried again later with a growing delay, for up to three
// days (live mode's schedule). Stripe also promises neither order nor exactly-once delivery, so
// a test mode, "shuffled", delivers late, twice and out of order, from a seed so a failing run
// can be repeated.
//
// The outbox only decides what is due and records what happened; who carries the request is up
// to the caller: the fake itself POSTs to a webhook URL (push), or a test that runs the Worker
// in its own process takes the due deliveries and reports each answer (pull).

export type DeliveryMode =
  | { mode: "in_order" }
  | {
      mode: "shuffled";
      seed: number;
      /** Each copy waits up to this long on the fake's clock (default 5 s). */
      maxDelayMs?: number;
      /** Chance that an event is sent twice (default 0.5). */
      duplicateRate?: number;
    };

/** Retry delays after the 1st, 2nd, … failed attempt; the last one repeats. */
export const RETRY_DELAYS_MS = [60, 300, 1_800, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600].map(
  (seconds) => seconds * 1000,
);
/** Stripe stops retrying an event this long after it happened. */
export const GIVE_UP_AFTER_MS = 3 * 24 * 3_600 * 1000;

export interface Delivery {
  id: string;
  event: EventJson;
  /** 1 for the first try of this copy, then 2, 3, … */
  attempt: number;
  dueAt: number;
}

/** What one attempt got back: the endpoint's status, or no answer in time / at all. */
export type Outcome = number | "timeout" | "unreachable";

export interface AttemptRecord {
  deliveryId: string;
  eventId: string;
  type: string;
  attempt: number;
  at: number;
  outcome: Outcome;
}

/** A small seeded generator (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Outbox {
  private pending: Delivery[] = [];
  private readonly inFlight = new Map<string, Delivery>();
  readonly attempts: AttemptRecord[] = [];
  /** Deliveries given up after three days of failures. */
  readonly abandoned: Delivery[] = [];
  private random: () => number = Math.random;
  private current: DeliveryMode = { mode: "in_order" };

  constructor(
    private readonly clock: FakeClock,
    mode: DeliveryMode = { mode: "in_order" },
  ) {
    this.setMode(mode);
  }

  get mode(): DeliveryMode {
    return this.current;
  }

  setMode(mode: DeliveryMode): void {
    this.current = mode;
    if (mode.mode === "shuffled") this.random = seededRandom(mode.seed);
  }

  /** An event happened: queue its delivery (or, shuffled, one or two late copies). */
  enqueue(event: EventJson): void {
    const now = this.clock.now();
    const mode = this.current;
    if (mode.mode === "in_order") {
      this.pending.push({ id: stripeId("whdel"), event, attempt: 1, dueAt: now });
      return;
    }
    const maxDelay = mode.maxDelayMs ?? 5_000;
    const copies = this.random() < (mode.duplicateRate ?? 0.5) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const dueAt = now + Math.floor(this.random() * (maxDelay + 1));
      this.pending.push({ id: stripeId("whdel"), event, attempt: 1, dueAt });
    }
  }

  /**
   * Takes every delivery due now, in the order they are to be sent: oldest first in order,
   * a seeded shuffle otherwise. They stay in flight until `report` says how each went.
   */
  takeDue(): Delivery[] {
    const now = this.clock.now();
    const due = this.pending.filter((d) => d.dueAt <= now);
    this.pending = this.pending.filter((d) => d.dueAt > now);
    if (this.current.mode === "shuffled") {
      for (let i = due.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [due[i], due[j]] = [due[j] as Delivery, due[i] as Delivery];
      }
    } else due.sort((a, b) => a.dueAt - b.dueAt);
    for (const delivery of due) this.inFlight.set(delivery.id, delivery);
    return due;
  }

  /** Records an attempt; anything but a 2xx is tried again after the next retry delay. */
  report(id: string, outcome: Outcome): AttemptRecord {
    const delivery = this.inFlight.get(id);
    if (!delivery) throw new Error(`No delivery ${id} is in flight`);
    this.inFlight.delete(id);
    const now = this.clock.now();
    const record: AttemptRecord = {
      deliveryId: id,
      eventId: delivery.event.id,
      type: delivery.event.type,
      attempt: delivery.attempt,
      at: now,
      outcome,
    };
    this.attempts.push(record);
    if (typeof outcome === "number" && outcome >= 200 && outcome < 300) return record;
    const delay = RETRY_DELAYS_MS[Math.min(delivery.attempt - 1, RETRY_DELAYS_MS.length - 1)] ?? 0;
    const next = { ...delivery, attempt: delivery.attempt + 1, dueAt: now + delay };
    if (next.dueAt - delivery.event.created * 1000 > GIVE_UP_AFTER_MS) {
      this.abandoned.push(delivery);
    } else this.pending.push(next);
    return record;
  }

  /** When the next queued delivery (or, `firstOnly`, first try) falls due (null: none). */
  nextDueAt(firstOnly = false): number | null {
    const queued = firstOnly ? this.pending.filter((d) => d.attempt === 1) : this.pending;
    if (queued.length === 0) return null;
    return Math.min(...queued.map((d) => d.dueAt));
  }

  /** Deliveries queued or in flight. */
  get size(): number {
    return this.pending.length + this.inFlight.size;
  }
}
