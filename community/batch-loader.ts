// Coalesced lookups, DataLoader style: keys asked for while the event loop is busy with one
// round of I/O (a burst of subscribes read off many sockets at once) are loaded by one call of
// the batch function, and while a batch of a group is being loaded, the next keys of that group
// wait and go together in the next one. So N members of one community subscribing at once cost
// a few `$in` queries rather than N lookups queued behind each other on the database.
export interface BatchLoaderOptions {
  /** The most keys one batch call gets; more are split. */
  maxBatch?: number;
}

/**
 * Loads the values of many keys of one group at once. Its result has an entry for every key
 * asked for; a key it leaves out resolves to null.
 */
export type BatchFunction<V> = (group: string, keys: readonly string[]) => Promise<Map<string, V>>;

interface Waiting<V> {
  key: string;
  resolve: (value: V | null) => void;
  reject: (err: unknown) => void;
}

interface Group<V> {
  queued: Waiting<V>[];
  scheduled: boolean;
  /** Batches being loaded now. */
  inFlight: number;
}

/** At most this many batches of one group are loaded at once; the rest queue (and grow). */
const MAX_IN_FLIGHT = 2;

export class BatchLoader<V> {
  private readonly groups = new Map<string, Group<V>>();
  private readonly maxBatch: number;

  constructor(
    private readonly batch: BatchFunction<V>,
    options: BatchLoaderOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** The value of `key` in `group` (null when the batch function has none for it). */
  load(group: string, key: string): Promise<V | null> {
    let g = this.groups.get(group);
    if (!g) {
      g = { queued: [], scheduled: false, inFlight: 0 };
      this.groups.set(group, g);
    }
    const entry = g;
    const value = new Promise<V | null>((resolve, reject) => entry.queued.push({ key, resolve, reject }));
    this.schedule(group, entry);
    return value;
  }

  /** Runs after the I/O callbacks of this loop turn, so a burst of requests shares one batch. */
  private schedule(name: string, g: Group<V>): void {
    if (g.scheduled || g.inFlight >= MAX_IN_FLIGHT) return;
    g.scheduled = true;
    setImmediate(() => {
      g.scheduled = false;
      this.dispatch(name, g);
    });
  }

  private dispatch(name: string, g: Group<V>): void {
    while (g.queued.length > 0 && g.inFlight < MAX_IN_FLIGHT) {
      const waiting = g.queued.splice(0, this.maxBatch);
      g.inFlight++;
      const keys = [...new Set(waiting.map((w) => w.key))];
      void this.batch(name, keys)
        .then(
          (values) => {
            for (const w of waiting) w.resolve(values.get(w.key) ?? null);
          },
          (err: unknown) => {
            for (const w of waiting) w.reject(err);
          },
        )
        .finally(() => {
          g.inFlight--;
          if (g.queued.length > 0) this.schedule(name, g);
          else if (g.inFlight === 0) this.groups.delete(name);
        });
    }
  }
}
