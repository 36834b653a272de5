// A worker's cache of authors' standings, against real FerretDB: one read per author for
// STANDING_KEEP_MS, a fresh one after it, a failed read not kept, and the cache's bound.
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../../../test/support/community.js';
import { STANDING_KEEP_MAX, STANDING_KEEP_MS, StandingCache } from './scoring-reads.js';

describe('StandingCache', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    c = await provisionTestCommunity(db.url);
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** A connection of its own whose member lookups are counted. */
  const counted = async (): Promise<{ connection: Connection; memberReads: () => number }> => {
    const connection = await mongoose.createConnection(db.url, { monitorCommands: true }).asPromise();
    onTestFinished(() => connection.close());
    let n = 0;
    connection.getClient().on('commandStarted', (event) => {
      if (event.commandName === 'find' && event.command['find'] === 'members') n++;
    });
    return { connection, memberReads: () => n };
  };

  it('reads an author once while kept, and again once the time is up', async () => {
    const { connection, memberReads } = await counted();
    let now = 1_000_000;
    const cache = new StandingCache(connection, () => now);
    const first = await cache.get(c.id, 'bob');
    expect(first.joinedAt).toBeInstanceOf(Date);
    expect(first.violations).toBe(0);
    expect(await cache.get(c.id, 'bob')).toEqual(first);
    expect(memberReads()).toBe(1);
    await cache.get(c.id, 'ann'); // another author: a read of its own
    expect(memberReads()).toBe(2);
    now += STANDING_KEEP_MS;
    await cache.get(c.id, 'bob');
    expect(memberReads()).toBe(3);
  });

  it('does not keep a failed read, and keeps at most STANDING_KEEP_MAX authors', async () => {
    const { connection, memberReads } = await counted();
    const cache = new StandingCache(connection);
    await expect(cache.get('not-a-community-id', 'bob')).rejects.toThrow(/communityId/);
    await expect(cache.get('not-a-community-id', 'bob')).rejects.toThrow(/communityId/);
    await cache.get(c.id, 'bob');
    expect(memberReads()).toBe(1);
    const kept = (cache as unknown as { kept: Map<string, unknown> }).kept;
    for (let i = 1; i < STANDING_KEEP_MAX; i++)
      kept.set(`filler/${i}`, { at: Date.now(), standing: Promise.resolve() });
    await cache.get(c.id, 'ann');
    expect(kept.size).toBe(STANDING_KEEP_MAX);
    expect(kept.has(`${c.id}/bob`)).toBe(false); // the oldest went
    expect(kept.has(`${c.id}/ann`)).toBe(true);
  });
});
