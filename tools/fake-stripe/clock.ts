// The fake's clock: the wall clock (or a given one) plus however far tests have moved it on.
// Session expiry (`expires_at`) and webhook retries are due by this clock, so a test moves time
// forward instead of waiting for it.

export class FakeClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = () => Date.now()) {}

  /** Milliseconds since the epoch, as the fake sees it. */
  now(): number {
    return this.base() + this.offsetMs;
  }

  /** Seconds since the epoch: Stripe's timestamps. */
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("The clock only moves forward");
    this.offsetMs += ms;
  }
}
