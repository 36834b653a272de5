// The contract every PresenceStore implementation must pass. Each implementation's test file calls
// describePresenceStoreContract with a factory that builds a store on the given clock; every
// test uses topics named for it alone, so the stores may share one backing server.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClientInfo, PresenceStatus } from '../../protocol/index.js';
import type { PresenceConnection, PresenceStore } from './presence-store.js';

const TTL_MS = 10_000;

const topicName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

const conn = (connId: string, id: string, status: PresenceStatus = 'online'): PresenceConnection => ({
  connId,
  id,
  name: `name of ${id}`,
  status,
});

const user = (id: string): ClientInfo => ({ id, name: `name of ${id}` });

const byId = (users: readonly ClientInfo[]) => [...users].sort((a, b) => (a.id < b.id ? -1 : 1));

export function describePresenceStoreContract(
  implementation: string,
  factory: (clock: () => number) => Promise<PresenceStore> | PresenceStore,
): void {
  describe(`PresenceStore contract: ${implementation}`, () => {
    /** A store on a clock that moves only when told to. */
    const open = async () => {
      let nowMs = Date.now();
      const store = await factory(() => nowMs);
      return { store, advance: (ms: number) => void (nowMs += ms), now: () => nowMs };
    };

    it('counts a user’s connections in a topic, until they leave or expire', async () => {
      const { store, advance, now } = await open();
      const topic = topicName('count');
      expect(await store.connectionsOf(topic, 'a')).toBe(0);
      await store.add(topic, conn('c1', 'a'), TTL_MS);
      await store.add(topic, conn('c2', 'a'), TTL_MS);
      await store.add(topic, conn('c3', 'b'), TTL_MS);
      expect(await store.connectionsOf(topic, 'a')).toBe(2);
      await store.remove(topic, 'c1');
      expect(await store.connectionsOf(topic, 'a')).toBe(1);
      advance(TTL_MS + 1);
      await store.sweep(topic, now());
      expect(await store.connectionsOf(topic, 'a')).toBe(0);
      expect(await store.connectionsOf(topic, 'b')).toBe(0);
    });

    it('reports a join on a user’s first connection and a leave on their last', async () => {
      const { store } = await open();
      const topic = topicName('join-leave');
      expect(await store.add(topic, conn('c1', 'u1'), TTL_MS)).toEqual({
        userJoined: true,
        user: { ...user('u1'), status: 'online', connections: 1 },
        users: 1,
      });
      expect(await store.add(topic, conn('c2', 'u1'), TTL_MS)).toEqual({
        userJoined: false,
        user: { ...user('u1'), status: 'online', connections: 2 },
        users: 1,
      });
      expect((await store.add(topic, conn('d1', 'u2'), TTL_MS)).users).toBe(2);
      expect(await store.remove(topic, 'd1')).toEqual({ userLeft: user('u2'), users: 1 });
      expect(await store.remove(topic, 'c1')).toEqual({ userLeft: null, users: 1 });
      expect(await store.stats(topic)).toEqual({ users: 1, connections: 1 });
      expect(await store.remove(topic, 'c2')).toEqual({ userLeft: user('u1'), users: 0 });
      expect(await store.remove(topic, 'c2')).toEqual({ userLeft: null, users: 0 });
      expect(await store.stats(topic)).toEqual({ users: 0, connections: 0 });
      expect(await store.list(topic)).toEqual([]);
    });

    it('counts a re-added connection once', async () => {
      const { store } = await open();
      const topic = topicName('re-add');
      await store.add(topic, conn('c1', 'u1'), TTL_MS);
      const again = await store.add(topic, conn('c1', 'u1', 'idle'), TTL_MS);
      expect(again).toEqual({
        userJoined: false,
        user: { ...user('u1'), status: 'idle', connections: 1 },
        users: 1,
      });
      expect(await store.stats(topic)).toEqual({ users: 1, connections: 1 });
      expect(await store.remove(topic, 'c1')).toMatchObject({ userLeft: user('u1') });
    });

    it('refuses a known connection id for another user, and counts nothing for it', async () => {
      const { store } = await open();
      const topic = topicName('conn-owner');
      await store.add(topic, conn('c1', 'u1'), TTL_MS);
      await expect(store.add(topic, conn('c1', 'u2'), TTL_MS)).rejects.toThrow(/another user/);
      expect(await store.list(topic)).toEqual([{ ...user('u1'), status: 'online', connections: 1 }]);
    });

    it('aggregates a user’s status over their connections: dnd, else online, else idle', async () => {
      const { store } = await open();
      const topic = topicName('aggregate');
      expect((await store.add(topic, conn('c1', 'u1', 'idle'), TTL_MS)).user.status).toBe('idle');
      expect((await store.add(topic, conn('c2', 'u1', 'online'), TTL_MS)).user.status).toBe('online');
      expect((await store.add(topic, conn('c3', 'u1', 'idle'), TTL_MS)).user.status).toBe('online');
      expect((await store.add(topic, conn('c4', 'u1', 'dnd'), TTL_MS)).user).toEqual({
        ...user('u1'),
        status: 'dnd',
        connections: 4,
      });
      await store.add(topic, conn('d1', 'u2', 'idle'), TTL_MS);
      expect(await store.list(topic)).toEqual([
        { ...user('u1'), status: 'dnd', connections: 4 },
        { ...user('u2'), status: 'idle', connections: 1 },
      ]);
      await store.remove(topic, 'c4');
      expect((await store.list(topic))[0]?.status).toBe('online');
      await store.remove(topic, 'c2');
      expect((await store.list(topic))[0]?.status).toBe('idle');
    });

    it('setStatus reports the aggregate only when it changed', async () => {
      const { store } = await open();
      const topic = topicName('set-status');
      await store.add(topic, conn('c1', 'u1'), TTL_MS);
      await store.add(topic, conn('c2', 'u1'), TTL_MS);
      expect(await store.setStatus(topic, 'c1', 'idle')).toEqual({ changed: null }); // c2 is online
      expect(await store.setStatus(topic, 'c2', 'idle')).toEqual({
        changed: { ...user('u1'), status: 'idle' },
      });
      expect(await store.setStatus(topic, 'c2', 'idle')).toEqual({ changed: null });
      expect(await store.setStatus(topic, 'c1', 'dnd')).toEqual({
        changed: { ...user('u1'), status: 'dnd' },
      });
      expect(await store.setStatus(topic, 'c2', 'online')).toEqual({ changed: null }); // c1 is dnd
      expect(await store.setStatus(topic, 'c1', 'idle')).toEqual({
        changed: { ...user('u1'), status: 'online' },
      });
      expect(await store.list(topic)).toEqual([{ ...user('u1'), status: 'online', connections: 2 }]);

      await store.add(topic, conn('d1', 'u2'), TTL_MS);
      expect(await store.setStatus(topic, 'd1', 'dnd')).toEqual({
        changed: { ...user('u2'), status: 'dnd' },
      });
      expect(await store.setStatus(topic, 'unknown', 'dnd')).toEqual({ changed: null });
      expect(await store.setStatus(topicName('other'), 'd1', 'idle')).toEqual({ changed: null });
    });

    it('expires a connection that is not refreshed: never counted, then swept and reported as left', async () => {
      const { store, advance } = await open();
      const topic = topicName('expiry');
      await store.add(topic, conn('c1', 'u1'), TTL_MS);
      await store.add(topic, conn('d1', 'u2'), TTL_MS);
      advance(TTL_MS * 0.6);
      await store.refresh(topic, ['c1'], TTL_MS);
      advance(TTL_MS * 0.6); // d1 expired, c1 has 0.4 TTL_MS left

      expect(await store.list(topic)).toEqual([{ ...user('u1'), status: 'online', connections: 1 }]);
      expect(await store.stats(topic)).toEqual({ users: 1, connections: 1 });
      expect(await store.setStatus(topic, 'd1', 'dnd')).toEqual({ changed: null });
      expect(await store.sweep(topic)).toEqual([user('u2')]);
      expect(await store.sweep(topic)).toEqual([]);
      expect(await store.remove(topic, 'd1')).toMatchObject({ userLeft: null });

      advance(TTL_MS * 0.4);
      expect(await store.stats(topic)).toEqual({ users: 0, connections: 0 });
      expect(await store.sweep(topic)).toEqual([user('u1')]);
      expect(await store.stats(topic)).toEqual({ users: 0, connections: 0 });
    });

    it('sweeps as of the time it is given', async () => {
      const { store, now } = await open();
      const topic = topicName('sweep-now');
      await store.add(topic, conn('c1', 'u1'), TTL_MS);
      await store.add(topic, conn('d1', 'u2'), TTL_MS * 3);
      expect(await store.sweep(topic, now() + TTL_MS - 1)).toEqual([]);
      expect(await store.sweep(topic, now() + TTL_MS)).toEqual([user('u1')]);
      expect(await store.list(topic)).toEqual([{ ...user('u2'), status: 'online', connections: 1 }]);
    });

    it('keeps a user while one of their connections lives', async () => {
      const { store, advance } = await open();
      const topic = topicName('partial-expiry');
      await store.add(topic, conn('c1', 'u1', 'dnd'), TTL_MS);
      await store.add(topic, conn('c2', 'u1', 'idle'), TTL_MS * 3);
      advance(TTL_MS * 2);
      expect(await store.list(topic)).toEqual([{ ...user('u1'), status: 'idle', connections: 1 }]);
      expect(await store.stats(topic)).toEqual({ users: 1, connections: 1 });
      expect(await store.sweep(topic)).toEqual([]);
      expect(await store.remove(topic, 'c2')).toMatchObject({ userLeft: user('u1') });
    });

    it('pairs joins and leaves when a user reconnects before their expired connection is swept', async () => {
      const { store, advance } = await open();
      const topic = topicName('reconnect');
      await store.add(topic, conn('c1', 'u1'), TTL_MS);
      advance(TTL_MS * 2);
      // No leave was reported for c1 yet, so the new connection is no new join...
      expect(await store.add(topic, conn('c2', 'u1', 'idle'), TTL_MS)).toEqual({
        userJoined: false,
        user: { ...user('u1'), status: 'idle', connections: 1 },
        users: 1,
      });
      // ...and sweeping c1 is no leave.
      expect(await store.sweep(topic)).toEqual([]);
      expect(await store.remove(topic, 'c2')).toMatchObject({ userLeft: user('u1') });
      expect((await store.add(topic, conn('c3', 'u1'), TTL_MS)).userJoined).toBe(true);
    });

    it('refresh extends known connections only', async () => {
      const { store, advance } = await open();
      const topic = topicName('refresh');
      await store.add(topic, conn('c1', 'u1'), TTL_MS);
      await store.refresh(topic, ['c1', 'gone', 'never'], TTL_MS * 5);
      await store.refresh(topicName('empty'), ['c1'], TTL_MS);
      advance(TTL_MS * 4);
      expect(await store.stats(topic)).toEqual({ users: 1, connections: 1 });
      await store.remove(topic, 'c1');
      await store.refresh(topic, ['c1'], TTL_MS);
      expect(await store.stats(topic)).toEqual({ users: 0, connections: 0 });
    });

    it('counts users and connections', async () => {
      const { store } = await open();
      const topic = topicName('stats');
      expect(await store.stats(topic)).toEqual({ users: 0, connections: 0 });
      await store.add(topic, conn('c1', 'u1'), TTL_MS);
      await store.add(topic, conn('c2', 'u1'), TTL_MS);
      await store.add(topic, conn('c3', 'u1', 'idle'), TTL_MS);
      await store.add(topic, conn('d1', 'u2'), TTL_MS);
      expect(await store.stats(topic)).toEqual({ users: 2, connections: 4 });
    });

    it('keeps topics apart', async () => {
      const { store, now } = await open();
      const [a, b] = [topicName('iso-a'), topicName('iso-b')];
      await store.add(a, conn('c1', 'u1'), TTL_MS);
      expect((await store.add(b, conn('c1', 'u1'), TTL_MS)).userJoined).toBe(true);
      expect(await store.remove(b, 'c1')).toMatchObject({ userLeft: user('u1') });
      expect(await store.sweep(b, now() + TTL_MS * 10)).toEqual([]);
      expect(await store.stats(b)).toEqual({ users: 0, connections: 0 });
      expect(await store.list(a)).toEqual([{ ...user('u1'), status: 'online', connections: 1 }]);
    });

    it('keeps names and ids exactly, whatever characters they hold', async () => {
      const { store } = await open();
      const topic = topicName('chars');
      const odd = { id: 'u "1" \\ {x}', name: 'Zoë 😀 <b>"q"</b> \\n \u0000 / \u2028' };
      const joined = await store.add(topic, { ...odd, connId: 'c:1 {x}', status: 'online' }, TTL_MS);
      expect(joined.user).toEqual({ ...odd, status: 'online', connections: 1 });
      expect(await store.list(topic)).toEqual([{ ...odd, status: 'online', connections: 1 }]);
      expect(await store.setStatus(topic, 'c:1 {x}', 'dnd')).toEqual({ changed: { ...odd, status: 'dnd' } });
      expect(await store.remove(topic, 'c:1 {x}')).toMatchObject({ userLeft: odd });
    });

    it('stays consistent under concurrent adds and removes', async () => {
      const { store } = await open();
      const topic = topicName('concurrent');
      const ids = ['u0', 'u1', 'u2', 'u3', 'u4'];
      const pairs = Array.from({ length: 50 }, (_, i) => ({ connId: `c${i}`, id: ids[i % 5] ?? 'u0' }));

      const added = await Promise.all(pairs.map((p) => store.add(topic, conn(p.connId, p.id), TTL_MS)));
      expect(added.filter((r) => r.userJoined).map((r) => r.user.id)).toEqual(expect.arrayContaining(ids));
      expect(added.filter((r) => r.userJoined)).toHaveLength(5);
      expect(await store.stats(topic)).toEqual({ users: 5, connections: 50 });
      const removed = await Promise.all(pairs.map((p) => store.remove(topic, p.connId)));
      expect(byId(removed.flatMap((r) => (r.userLeft ? [r.userLeft] : [])))).toEqual(ids.map(user));
      expect(await store.stats(topic)).toEqual({ users: 0, connections: 0 });

      // Interleaved: each connection joins and leaves on its own schedule.
      const joins = new Map<string, number>();
      const leaves = new Map<string, number>();
      await Promise.all(
        pairs.map(async (p, i) => {
          await new Promise((r) => setTimeout(r, i % 7));
          if ((await store.add(topic, conn(p.connId, p.id), TTL_MS)).userJoined) {
            joins.set(p.id, (joins.get(p.id) ?? 0) + 1);
          }
          await new Promise((r) => setTimeout(r, i % 3));
          const { userLeft } = await store.remove(topic, p.connId);
          if (userLeft) leaves.set(userLeft.id, (leaves.get(userLeft.id) ?? 0) + 1);
        }),
      );
      for (const id of ids) {
        expect(joins.get(id)).toBeGreaterThanOrEqual(1);
        expect(leaves.get(id)).toBe(joins.get(id));
      }
      expect(await store.stats(topic)).toEqual({ users: 0, connections: 0 });
      expect(await store.list(topic)).toEqual([]);
      expect((await store.add(topic, conn('c0', 'u0'), TTL_MS)).userJoined).toBe(true);
    });
  });
}
