// Load shedding: a node whose publishes queue bounds that queue, refusing the publishes that
// arrive while it is full (`overloaded`, with retryAfterMs), so that the publishes it takes are
// answered in time instead of queueing behind a backlog that grows for as long as the overload
// lasts.
//
// The signal is each publish's wait: from its frame's arrival at the node to its offset (the
// connection's queue, the checks, the Redis step). As CoDel does, the smallest wait within an
// interval tells a standing queue from a burst: a burst leaves some publishes quick, a standing
// queue delays every one. An interval with fewer than `minSamples` publishes says nothing (a
// node answering a few slow checks is not overloaded).
//
// The bound: once the smallest wait has been over the target for `patience` intervals in a row
// (a Redis failover releasing its held publishes at once is one interval), the node admits a
// publish only while fewer are queued (admitted, not yet sequenced) than it sequences within
// the target, at the rate of the last interval: by Little's law that keeps the wait near the
// target while the node stays busy. The bound goes once an interval's smallest wait is under
// half the target: the queue has drained.

export interface LoadShedderOptions {
  /** The wait past which publishes count as queueing; 0 never sheds. */
  targetMs: number;
  intervalMs?: number;
  /** Publishes an interval needs before its smallest wait counts. */
  minSamples?: number;
  /** Intervals in a row over the target before the queue is bounded. */
  patience?: number;
  /** The smallest bound on queued publishes while shedding. */
  minQueue?: number;
}

export interface LoadChange {
  /** Whether the node now bounds its queue of publishes. */
  shedding: boolean;
  /** The smallest wait of the interval that decided it, in ms (0 with too few publishes). */
  waitMs: number;
  /** The bound on queued publishes while shedding. */
  queueLimit: number;
}

export class LoadShedder {
  readonly targetMs: number;
  readonly intervalMs: number;
  private readonly minSamples: number;
  private readonly patience: number;
  private readonly minQueue: number;
  private smallest = Infinity;
  private samples = 0;
  /** Intervals in a row whose smallest wait was over the target. */
  private over = 0;
  private bounded = false;
  private limit = Infinity;
  private lastWait = 0;
  /** Publishes admitted and not yet settled (sequenced, or refused by a later stage). */
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: LoadShedderOptions) {
    this.targetMs = options.targetMs;
    this.intervalMs = options.intervalMs ?? 100;
    this.minSamples = options.minSamples ?? 5;
    this.patience = options.patience ?? 3;
    this.minQueue = options.minQueue ?? 10;
  }

  /** Whether to take a publish that just arrived; a taken one must be settled once. */
  admit(): boolean {
    if (this.bounded && this.inFlight >= this.limit) return false;
    this.inFlight++;
    return true;
  }

  /** An admitted publish reached its offset `waitMs` after it arrived. */
  sequenced(waitMs: number): void {
    this.samples++;
    if (waitMs < this.smallest) this.smallest = waitMs;
  }

  /** An admitted publish left the queue (sequenced, or refused before it). */
  settled(): void {
    this.inFlight--;
  }

  /** Whether the node bounds its queue of publishes now. */
  get shedding(): boolean {
    return this.bounded;
  }

  /** Publishes admitted and not yet settled. */
  get queued(): number {
    return this.inFlight;
  }

  /** The smallest wait of the last interval, in ms (0 when it had too few publishes). */
  get waitMs(): number {
    return this.lastWait;
  }

  /** Ends an interval. Called by the timer; tests call it directly. */
  tick(): LoadChange | undefined {
    const wait = this.samples >= this.minSamples ? this.smallest : 0;
    const rate = this.samples / this.intervalMs; // publishes sequenced per ms
    this.smallest = Infinity;
    this.samples = 0;
    this.lastWait = wait;
    const was = this.bounded;
    const standing = this.targetMs > 0 && wait > this.targetMs;
    this.over = standing ? this.over + 1 : 0;
    if (this.over >= this.patience) this.bounded = true;
    else if (wait < this.targetMs / 2) this.bounded = false;
    // While bounded, the interval's rate is the node's: it was busy throughout.
    if (this.bounded) this.limit = Math.max(this.minQueue, Math.round(rate * this.targetMs));
    return this.bounded === was
      ? undefined
      : { shedding: this.bounded, waitMs: wait, queueLimit: this.limit };
  }

  /** Ticks every interval; `onChange` hears when the node starts and stops shedding. */
  start(onChange: (change: LoadChange) => void = () => undefined): void {
    if (this.timer || this.targetMs <= 0) return;
    this.timer = setInterval(() => {
      const change = this.tick();
      if (change) onChange(change);
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
