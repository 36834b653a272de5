// Per-user recent activity for flood and duplicate detection, in bounded memory: each user has
// a small ring buffer of their last messages, users are kept in least-recently-active order,
// those idle for a whole window are dropped as new messages arrive, and past `maxUsers` the
// least recently active user is dropped (forgetting only history that could count).

interface Entry<T> {
  last: number;
  value: T;
}

class UserTable<T> {
  private readonly users = new Map<string, Entry<T>>();
  private readonly windowMs: number;
  private readonly maxUsers: number;
  private readonly create: () => T;

  constructor(windowMs: number, maxUsers: number, create: () => T) {
    this.windowMs = windowMs;
    this.maxUsers = maxUsers;
    this.create = create;
  }

  get size(): number {
    return this.users.size;
  }

  /** The user's state, now marked as their latest activity. */
  touch(userId: string, now: number): T {
    this.dropIdle(now);
    let entry = this.users.get(userId);
    if (entry) this.users.delete(userId);
    else entry = { last: now, value: this.create() };
    entry.last = now;
    this.users.set(userId, entry);
    if (this.users.size > this.maxUsers) {
      const oldest = this.users.keys().next();
      if (!oldest.done) this.users.delete(oldest.value);
    }
    return entry.value;
  }

  /** A Map iterates in insertion order, here least recently active first: stop at the first active user. */
  private dropIdle(now: number): void {
    for (const [userId, entry] of this.users) {
      if (now - entry.last < this.windowMs) return;
      this.users.delete(userId);
    }
  }
}

interface Ring {
  times: Float64Array;
  hashes: Float64Array;
  next: number;
  filled: number;
}

function ring(capacity: number): Ring {
  return { times: new Float64Array(capacity), hashes: new Float64Array(capacity), next: 0, filled: 0 };
}

function push(r: Ring, time: number, hash: number): void {
  r.times[r.next] = time;
  r.hashes[r.next] = hash;
  r.next = (r.next + 1) % r.times.length;
  r.filled = Math.min(r.filled + 1, r.times.length);
}

export interface WindowOptions {
  windowMs: number;
  /** Users remembered at most; the least recently active are forgotten first. */
  maxUsers: number;
}

/** Flood: more than `maxMessages` messages from one user within the window. */
export class FloodTracker {
  private readonly table: UserTable<Ring>;
  private readonly windowMs: number;

  constructor(maxMessages: number, options: WindowOptions) {
    this.windowMs = options.windowMs;
    // One more than allowed: enough to see the message that exceeds the limit.
    this.table = new UserTable(options.windowMs, options.maxUsers, () => ring(maxMessages + 1));
  }

  get trackedUsers(): number {
    return this.table.size;
  }

  /** Records a message; returns the user's messages within the window, this one included (at most maxMessages + 1). */
  record(userId: string, now: number): number {
    const r = this.table.touch(userId, now);
    push(r, now, 0);
    let within = 0;
    for (let i = 0; i < r.filled; i++) if (now - (r.times[i] as number) < this.windowMs) within++;
    return within;
  }
}

/** Duplicates: the same normalized text from one user, counted over their recent messages within the window. */
export class DuplicateTracker {
  private readonly table: UserTable<Ring>;
  private readonly windowMs: number;

  /** Looks back over a user's last 4 × maxRepeats messages (16 to 64), so interleaving a few others does not hide a repeat. */
  constructor(maxRepeats: number, options: WindowOptions) {
    this.windowMs = options.windowMs;
    const capacity = Math.min(Math.max(maxRepeats * 4, 16), 64);
    this.table = new UserTable(options.windowMs, options.maxUsers, () => ring(capacity));
  }

  get trackedUsers(): number {
    return this.table.size;
  }

  /** Records a message; returns how often the user sent this text within the window, this time included. */
  record(userId: string, fingerprint: string, now: number): number {
    const r = this.table.touch(userId, now);
    const hash = hash53(fingerprint);
    let same = 1;
    for (let i = 0; i < r.filled; i++) {
      if (r.hashes[i] === hash && now - (r.times[i] as number) < this.windowMs) same++;
    }
    push(r, now, hash);
    return same;
  }
}

/** cyrb53: a fast 53-bit string hash; texts are kept as hashes, not as (up to 4,000-character) strings. */
function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
