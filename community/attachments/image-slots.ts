// A per-node bound on images re-encoded at once (HUB_ATTACHMENTS_IMAGE_CONCURRENCY). sharp holds
// an image's whole input and its decoded pixels while it works, so fifty parallel uploads of
// 5 MB photos decoded at once cost the node about a gigabyte. An upload waiting for a slot reads
// nothing more of its body: the socket is paused (backpressure), so the file is neither buffered
// here nor decoded until a slot frees; waiting uploads are served in arrival order.

export class ImageSlots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('image slots: size must be a positive integer');
  }

  /** Images being re-encoded now (at most `size`). */
  get active(): number {
    return this.busy;
  }

  /** Uploads waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `work` once a slot is free, and frees the slot when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy < this.size) this.busy++;
    // A freed slot passes straight to the next waiter (busy stays counted), so none can jump in.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }
}
