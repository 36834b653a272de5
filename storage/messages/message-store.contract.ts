// The contract every MessageStore implementation must pass. Each implementation's test file calls
// describeMessageStoreContract with a factory; every test writes only to channels named for it
// alone, so the stores a factory returns may share one database.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ERASED_DATA, ERASED_NAME, type MessageStore, type StoredPublication } from './message-store.js';

const channelName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

const publication = (channel: string, offset: number, extra: Partial<StoredPublication> = {}) => ({
  channel,
  offset,
  epoch: 'e1',
  data: JSON.stringify({ text: `message ${offset}` }),
  userId: 'u1',
  userName: 'Ada',
  nonce: `n-${offset}`,
  ts: 1_700_000_000_000 + offset,
  ...extra,
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const offsetsOf = (rows: readonly StoredPublication[]) => rows.map((p) => p.offset);

/** JSON text a database could be tempted to read as operators, paths or markup. */
const hostileData = [
  '{"$gt": "", "$where": "sleep(1000) || true", "a.b": {"$ne": null}, "$set": {"x": 1}}',
  '{ "text" : "<script>alert(\'x\')</script>",  "html":"<img src=x onerror=alert(1)>" }',
  '{"n": 1.0, "big": 12345678901234567890, "exp": 1e400, "dup": 1, "dup": 2}',
  '{"esc": "\\u0000\\ud800 \\"quoted\\" \\\\", "emoji": "😀 ünïcødé", "_id": "not-an-id", "__v": 7}',
  '[1, "two", {"$in": [3]}]',
  '"just a string"',
  'null',
];

export function describeMessageStoreContract(
  implementation: string,
  factory: () => Promise<MessageStore> | MessageStore,
): void {
  describe(`MessageStore contract: ${implementation}`, () => {
    it('returns nothing for a channel that has no publications', async () => {
      const store = await factory();
      const channel = channelName('empty');
      expect(await store.after(channel, 0, 10)).toEqual([]);
      expect(await store.before(channel, undefined, 10)).toEqual([]);
      expect(await store.top(channel)).toBeNull();
      expect(await store.first(channel)).toBeNull();
      await expect(store.insert([])).resolves.toBeUndefined();
    });

    it('returns every field exactly as written, and no other field', async () => {
      const store = await factory();
      const channel = channelName('fields');
      const written = publication(channel, 1, {
        epoch: 'ep-7f3a',
        userId: '',
        userName: '',
        nonce: '',
        ts: 1_767_225_600_123,
      });
      await store.insert([{ ...written, extra: 'not stored' } as StoredPublication]);
      const [read] = await store.after(channel, 0, 10);
      expect(read).toStrictEqual(written);
    });

    it('returns data byte for byte, never reading keys as operators or paths', async () => {
      const store = await factory();
      const channel = channelName('data');
      await store.insert(hostileData.map((data, i) => publication(channel, i + 1, { data })));
      const read = await store.after(channel, 0, 100);
      expect(read.map((p) => p.data)).toEqual(hostileData);
      // The operator-looking text matched nothing else: only this channel's rows came back.
      expect(offsetsOf(read)).toEqual(range(1, hostileData.length));
    });

    it('redacts an author’s publications everywhere, and a whole channel, keeping offsets', async () => {
      const store = await factory();
      const [a, b, own] = [channelName('redact-a'), channelName('redact-b'), channelName('user:gone')];
      const author = `gone-${randomUUID().slice(0, 8)}`;
      await store.insert([
        publication(a, 1, { userId: author, userName: 'Gone', data: '{"body":"my secret"}' }),
        publication(a, 2, { userId: 'stays', userName: 'Stays', data: '{"body":"hello"}' }),
        publication(b, 1, { userId: author, userName: 'Gone', data: '{"body":"again"}' }),
        publication(own, 1, { userId: 'someone', data: '{"kind":"mention"}' }),
      ]);
      expect(await store.redact({ userId: author }, 'erased-1')).toEqual([a, b].sort());
      const rowsA = await store.after(a, 0, 10);
      expect(rowsA.map((r) => [r.offset, r.userId, r.userName, r.data])).toEqual([
        [1, 'erased-1', ERASED_NAME, ERASED_DATA],
        [2, 'stays', 'Stays', '{"body":"hello"}'],
      ]);
      expect((await store.after(b, 0, 10)).map((r) => r.data)).toEqual([ERASED_DATA]);
      expect(await store.redact({ channel: own }, 'erased-1')).toEqual([own]);
      expect(await store.after(own, 0, 10)).toEqual([
        expect.objectContaining({ offset: 1, userId: 'someone', data: ERASED_DATA }),
      ]);
      expect(await store.top(a)).toMatchObject({ offset: 2 });
    });

    it('redacts the publications of a channel with given nonces, and drops a whole channel', async () => {
      const store = await factory();
      const [feed, own] = [channelName('feed'), channelName('user:gone')];
      const ownToo = `${own}0`;
      await store.insert([
        publication(feed, 1, { nonce: 'agents-n1', data: '{"body":"theirs"}' }),
        publication(feed, 2, { nonce: 'agents-n2', data: '{"body":"another’s"}' }),
        publication(own, 1, { nonce: 'n1' }),
        publication(own, 2, { nonce: 'n2' }),
        publication(ownToo, 1, { nonce: 'n1' }),
      ]);
      expect(await store.redact({ channel: feed, nonces: ['agents-n1', 'agents-n9'] }, 'erased-2')).toEqual([
        feed,
      ]);
      expect(await store.redact({ channel: feed, nonces: [] }, 'erased-2')).toEqual([]);
      expect((await store.after(feed, 0, 10)).map((r) => [r.offset, r.nonce, r.data])).toEqual([
        [1, '', ERASED_DATA],
        [2, 'agents-n2', '{"body":"another’s"}'],
      ]);
      expect(await store.drop(own)).toBe(2);
      expect(await store.after(own, 0, 10)).toEqual([]);
      expect(await store.top(own)).toBeNull();
      // Exactly that channel: another whose name starts the same stays.
      expect(await store.after(ownToo, 0, 10)).toHaveLength(1);
    });

    it('expires old publications of the channels under a prefix, deleting or anonymizing them', async () => {
      const store = await factory();
      const prefix = `chan:${randomUUID().slice(0, 8)}:`;
      const [a, b, other] = [`${prefix}a`, `${prefix}b`, channelName('chan:other')];
      const old = { ts: 1_000, data: '{"body":"old"}' };
      const recent = { ts: 9_000, data: '{"body":"recent"}' };
      await store.insert([
        publication(a, 1, old),
        publication(a, 2, recent),
        publication(b, 1, old),
        publication(other, 1, old),
      ]);
      expect(await store.expire(prefix, 5_000, 'anonymize')).toBe(2);
      expect((await store.after(a, 0, 10)).map((r) => [r.offset, r.data, r.userName])).toEqual([
        [1, ERASED_DATA, ERASED_NAME],
        [2, '{"body":"recent"}', 'Ada'],
      ]);
      expect(await store.expire(prefix, 5_000, 'anonymize')).toBe(0); // already done
      expect(await store.expire(prefix, 5_000, 'delete')).toBe(2);
      expect(await store.first(a)).toBe(2);
      expect(await store.after(b, 0, 10)).toEqual([]);
      expect((await store.after(other, 0, 10)).map((r) => r.data)).toEqual(['{"body":"old"}']);
    });

    it('treats inserting an already stored publication as a no-op that keeps the first', async () => {
      const store = await factory();
      const channel = channelName('idem');
      await store.insert([1, 2, 3].map((o) => publication(channel, o)));
      await expect(store.insert([publication(channel, 2)])).resolves.toBeUndefined();
      // A batch mixing stored and new rows: the new ones are written, the stored ones unchanged.
      const mixed = [2, 3, 4, 5].map((o) => publication(channel, o, { data: `"replaced ${o}"` }));
      await expect(store.insert(mixed)).resolves.toBeUndefined();
      await expect(store.insert(mixed)).resolves.toBeUndefined();

      const read = await store.after(channel, 0, 100);
      expect(offsetsOf(read)).toEqual([1, 2, 3, 4, 5]);
      expect(read.map((p) => p.data)).toEqual([
        publication(channel, 1).data,
        publication(channel, 2).data,
        publication(channel, 3).data,
        '"replaced 4"',
        '"replaced 5"',
      ]);
    });

    it('accepts a batch that holds the same offset twice, storing it once', async () => {
      const store = await factory();
      const channel = channelName('twice');
      await store.insert([publication(channel, 1), publication(channel, 2), publication(channel, 1)]);
      expect(offsetsOf(await store.after(channel, 0, 10))).toEqual([1, 2]);
    });

    it('after: offsets greater than the given one, oldest first, at most limit', async () => {
      const store = await factory();
      const channel = channelName('after');
      // Written out of order, with gaps: ordering must come from the store.
      await store.insert([9, 2, 5, 1, 12, 7].map((o) => publication(channel, o)));
      expect(offsetsOf(await store.after(channel, 0, 100))).toEqual([1, 2, 5, 7, 9, 12]);
      expect(offsetsOf(await store.after(channel, 2, 100))).toEqual([5, 7, 9, 12]);
      expect(offsetsOf(await store.after(channel, 3, 2))).toEqual([5, 7]);
      expect(offsetsOf(await store.after(channel, 5, 1))).toEqual([7]);
      expect(offsetsOf(await store.after(channel, 12, 10))).toEqual([]);
      expect(offsetsOf(await store.after(channel, 100, 10))).toEqual([]);
      expect(await store.after(channel, 0, 0)).toEqual([]);
    });

    it('before: the newest offsets below the given one (all when undefined), oldest first', async () => {
      const store = await factory();
      const channel = channelName('before');
      await store.insert([9, 2, 5, 1, 12, 7].map((o) => publication(channel, o)));
      expect(offsetsOf(await store.before(channel, undefined, 100))).toEqual([1, 2, 5, 7, 9, 12]);
      expect(offsetsOf(await store.before(channel, undefined, 2))).toEqual([9, 12]);
      expect(offsetsOf(await store.before(channel, 9, 100))).toEqual([1, 2, 5, 7]);
      expect(offsetsOf(await store.before(channel, 9, 2))).toEqual([5, 7]);
      expect(offsetsOf(await store.before(channel, 8, 1))).toEqual([7]);
      expect(offsetsOf(await store.before(channel, 1, 10))).toEqual([]);
      expect(await store.before(channel, undefined, 0)).toEqual([]);
    });

    it('top and first: the highest offset with its epoch, and the lowest offset', async () => {
      const store = await factory();
      const channel = channelName('top');
      await store.insert([
        publication(channel, 4, { epoch: 'old' }),
        publication(channel, 11, { epoch: 'new' }),
        publication(channel, 3, { epoch: 'old' }),
        publication(channel, 10, { epoch: 'old' }),
      ]);
      expect(await store.top(channel)).toEqual({ offset: 11, epoch: 'new' });
      expect(await store.first(channel)).toBe(3);
    });

    it('orders offsets numerically, across the 32-bit boundary too', async () => {
      const store = await factory();
      const channel = channelName('numeric');
      const offsets = [2 ** 31 + 1, 10, 2 ** 31 - 1, 9, 2 ** 31, 100, 2 ** 40];
      await store.insert(offsets.map((o) => publication(channel, o)));
      const sorted = [...offsets].sort((a, b) => a - b);
      expect(offsetsOf(await store.after(channel, 0, 100))).toEqual(sorted);
      expect(offsetsOf(await store.after(channel, 10, 2))).toEqual([100, 2 ** 31 - 1]);
      expect(offsetsOf(await store.before(channel, 2 ** 31 + 1, 2))).toEqual([2 ** 31 - 1, 2 ** 31]);
      expect(await store.top(channel)).toEqual({ offset: 2 ** 40, epoch: 'e1' });
      expect(await store.first(channel)).toBe(9);
    });

    it('keeps channels apart, even ones whose names prefix or look like each other', async () => {
      const store = await factory();
      const base = channelName('room');
      const channels = [base, `${base}.1`, `${base}:1`, `${base}$`, `${base.toUpperCase()}`];
      await Promise.all(
        channels.map((channel, i) =>
          store.insert(range(1, i + 2).map((o) => publication(channel, o, { epoch: `ep${i}` }))),
        ),
      );
      for (const [i, channel] of channels.entries()) {
        const rows = await store.after(channel, 0, 100);
        expect(offsetsOf(rows)).toEqual(range(1, i + 2));
        expect(rows.every((p) => p.channel === channel && p.epoch === `ep${i}`)).toBe(true);
        expect(offsetsOf(await store.before(channel, undefined, 100))).toEqual(range(1, i + 2));
        expect(await store.top(channel)).toEqual({ offset: i + 2, epoch: `ep${i}` });
        expect(await store.first(channel)).toBe(1);
      }
      expect(await store.top(`${base}.`)).toBeNull();
      expect(await store.top(base.slice(0, -1))).toBeNull();
    });

    it('stores each offset exactly once under concurrent overlapping inserts', async () => {
      const store = await factory();
      const channel = channelName('race');
      // 20 writers, each batch overlapping its neighbours' by 10 offsets, all at once.
      const batches = Array.from({ length: 20 }, (_, w) => range(w * 5 + 1, w * 5 + 15));
      await Promise.all(batches.map((b) => store.insert(b.map((o) => publication(channel, o)))));
      const read = await store.after(channel, 0, 1_000);
      expect(offsetsOf(read)).toEqual(range(1, 19 * 5 + 15));
      expect(read.every((p) => p.data === publication(channel, p.offset).data)).toBe(true);
      expect(await store.top(channel)).toEqual({ offset: 19 * 5 + 15, epoch: 'e1' });
    });
  });
}
