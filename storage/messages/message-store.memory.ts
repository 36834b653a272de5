// MessageStore in process memory, for unit tests of the modules that use the seam. Each channel
// keeps its publications in an array sorted by offset; lookups are binary searches.
import {
  ERASED_DATA,
  ERASED_NAME,
  type MessageStore,
  type RedactMatch,
  type StoredPublication,
} from './message-store.js';

/** A copy holding exactly the stored fields, so neither side can change the other's rows. */
const copy = (p: StoredPublication): StoredPublication => ({
  channel: p.channel,
  offset: p.offset,
  epoch: p.epoch,
  data: p.data,
  userId: p.userId,
  userName: p.userName,
  nonce: p.nonce,
  ts: p.ts,
});

/** Index of the first row whose offset is >= `offset` (rows.length when none). */
function lowerBound(rows: readonly StoredPublication[], offset: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid]?.offset ?? Infinity) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MemoryMessageStore implements MessageStore {
  private readonly channels = new Map<string, StoredPublication[]>();

  async insert(publications: readonly StoredPublication[]): Promise<void> {
    for (const p of publications) {
      let rows = this.channels.get(p.channel);
      if (!rows) this.channels.set(p.channel, (rows = []));
      const at = lowerBound(rows, p.offset);
      if (rows[at]?.offset === p.offset) continue; // already stored: the first write wins
      rows.splice(at, 0, copy(p));
    }
  }

  async after(channel: string, offset: number, limit: number): Promise<StoredPublication[]> {
    const rows = this.channels.get(channel) ?? [];
    let from = lowerBound(rows, offset);
    if (rows[from]?.offset === offset) from += 1;
    return rows.slice(from, from + Math.max(0, limit)).map(copy);
  }

  async before(channel: string, offset: number | undefined, limit: number): Promise<StoredPublication[]> {
    const rows = this.channels.get(channel) ?? [];
    const to = offset === undefined ? rows.length : lowerBound(rows, offset);
    return rows.slice(Math.max(0, to - Math.max(0, limit)), to).map(copy);
  }

  async top(channel: string): Promise<{ offset: number; epoch: string } | null> {
    const last = this.channels.get(channel)?.at(-1);
    return last ? { offset: last.offset, epoch: last.epoch } : null;
  }

  async first(channel: string): Promise<number | null> {
    return this.channels.get(channel)?.[0]?.offset ?? null;
  }

  async redact(match: RedactMatch, pseudonym: string): Promise<string[]> {
    const touched = new Set<string>();
    const nonces = 'nonces' in match && match.nonces ? new Set(match.nonces) : undefined;
    for (const [channel, rows] of this.channels) {
      for (const row of rows) {
        if ('userId' in match ? row.userId !== match.userId : channel !== match.channel) continue;
        if (nonces && !nonces.has(row.nonce)) continue;
        touched.add(channel);
        row.data = ERASED_DATA;
        if ('userId' in match) Object.assign(row, { userId: pseudonym, userName: ERASED_NAME, nonce: '' });
        if (nonces) row.nonce = '';
      }
    }
    return [...touched].sort();
  }

  async drop(channel: string): Promise<number> {
    const count = this.channels.get(channel)?.length ?? 0;
    this.channels.delete(channel);
    return count;
  }

  async expire(channelPrefix: string, beforeTs: number, mode: 'delete' | 'anonymize'): Promise<number> {
    let count = 0;
    for (const [channel, rows] of this.channels) {
      if (!channel.startsWith(channelPrefix)) continue;
      for (let i = rows.length - 1; i >= 0; i--) {
        const row = rows[i] as StoredPublication;
        if (row.ts >= beforeTs) continue;
        if (mode === 'delete') rows.splice(i, 1);
        else if (row.data !== ERASED_DATA)
          Object.assign(row, { data: ERASED_DATA, userId: 'retained', userName: ERASED_NAME, nonce: '' });
        else continue;
        count++;
      }
    }
    return count;
  }
}
