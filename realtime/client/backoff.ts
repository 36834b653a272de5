// Reconnect delays: exponential, with full jitter so that the clients of a failed node do not
// all come back in the same instant.

export interface BackoffOptions {
  /** The shortest delay, and the base the ceiling doubles from. Default 500 ms. */
  minMs?: number;
  /** The longest delay. Default 20,000 ms. */
  maxMs?: number;
  /** A number in [0, 1); replaceable for tests. */
  random?: () => number;
}

/**
 * Delays for successive retries. Attempt n waits a uniformly random time between `minMs` and
 * min(maxMs, minMs * 2^(n+1)): jittered from the first retry on, the window doubling each time.
 */
export class Backoff {
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;
  private attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.minMs = Math.max(0, options.minMs ?? 500);
    this.maxMs = Math.max(this.minMs, options.maxMs ?? 20_000);
    this.random = options.random ?? Math.random;
  }

  /** Retries since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** The delay before the next retry; each call counts as one more attempt. */
  next(): number {
    // The exponent is capped so that 2 ** n stays a finite, exact number.
    const ceilingMs = Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.attempt + 1, 40));
    this.attempt += 1;
    return Math.round(this.minMs + this.random() * (ceilingMs - this.minMs));
  }

  /** Starts over from the shortest window, e.g. after a connection succeeded. */
  reset(): void {
    this.attempt = 0;
  }
}
