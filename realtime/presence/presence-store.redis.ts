// PresenceStore on Redis, shared by every hub node. A topic's presence is the three keys of
// keySpace(prefix).presence(topic), under one hash tag, and every change is one Lua script (the
// .lua files beside this one), so changes from several nodes never interleave. Times come from
// this node's clock, passed in ARGV rather than read from Redis TIME, so this store and
// MemoryPresenceStore expire connections alike and tests can move the clock.
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import type { ClientInfo, PresenceEntry, PresenceStatus } from '../../protocol/index.js';
import { keySpace, type KeySpace } from '../../storage/redis-keys.js';
import type { PresenceConnection, PresenceStore } from './presence-store.js';

/** Expired connections removed per script run: a dead node's thousands stay short blocks. */
const SWEEP_BATCH = 500;

const script = (name: string) => new URL(`./${name}.lua`, import.meta.url);

/**
 * cjson rejects the escapes JSON.stringify writes for lone UTF-16 surrogates; replace them as
 * any UTF-8 transport would.
 */
const wellFormed = (s: string) => s.replace(/\p{Cs}/gu, '\uFFFD');

const userOf = (infoJson: string): ClientInfo => {
  const { id, name } = JSON.parse(infoJson) as ClientInfo;
  return { id, name };
};

export class RedisPresenceStore implements PresenceStore {
  private readonly keys: KeySpace;
  private readonly scripts: Record<
    'add' | 'refresh' | 'remove' | 'sweep' | 'status' | 'list' | 'stats',
    Script
  >;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.keys = keySpace(keyPrefix);
    this.scripts = {
      add: defineScript(redis, 'hubPresenceAdd', script('presence-add'), 3),
      refresh: defineScript(redis, 'hubPresenceRefresh', script('presence-refresh'), 3),
      remove: defineScript(redis, 'hubPresenceRemove', script('presence-remove'), 3),
      sweep: defineScript(redis, 'hubPresenceSweep', script('presence-sweep'), 3),
      status: defineScript(redis, 'hubPresenceStatus', script('presence-status'), 3),
      list: defineScript(redis, 'hubPresenceList', script('presence-list'), 2, true),
      stats: defineScript(redis, 'hubPresenceStats', script('presence-stats'), 3, true),
    };
  }

  async add(
    topic: string,
    conn: PresenceConnection,
    ttlMs: number,
  ): Promise<{ userJoined: boolean; user: PresenceEntry; users: number }> {
    if (!(ttlMs > 0)) throw new RangeError(`presence: ttlMs must be > 0, got ${ttlMs}`);
    const info = JSON.stringify({
      id: wellFormed(conn.id),
      name: wellFormed(conn.name),
      status: conn.status,
    });
    const [joined, user, users] = (await this.scripts.add(
      ...this.topicKeys(topic),
      conn.connId,
      info,
      this.clock(),
      Math.ceil(ttlMs),
    )) as [number, string, number];
    return { userJoined: joined === 1, user: JSON.parse(user) as PresenceEntry, users };
  }

  async refresh(topic: string, connIds: readonly string[], ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) throw new RangeError(`presence: ttlMs must be > 0, got ${ttlMs}`);
    if (connIds.length === 0) return;
    await this.scripts.refresh(...this.topicKeys(topic), this.clock(), Math.ceil(ttlMs), ...connIds);
  }

  async remove(topic: string, connId: string): Promise<{ userLeft: ClientInfo | null; users: number }> {
    const [infoJson, users] = (await this.scripts.remove(...this.topicKeys(topic), connId)) as [
      string | null,
      number,
    ];
    return { userLeft: infoJson === null ? null : userOf(infoJson), users };
  }

  async setStatus(
    topic: string,
    connId: string,
    status: PresenceStatus,
  ): Promise<{ changed: (ClientInfo & { status: PresenceStatus }) | null }> {
    const changed = (await this.scripts.status(...this.topicKeys(topic), connId, status, this.clock())) as
      string | null;
    return {
      changed: changed === null ? null : (JSON.parse(changed) as ClientInfo & { status: PresenceStatus }),
    };
  }

  async sweep(topic: string, now = this.clock()): Promise<ClientInfo[]> {
    const left: ClientInfo[] = [];
    for (;;) {
      const [more, ...users] = (await this.scripts.sweep(...this.topicKeys(topic), now, SWEEP_BATCH)) as [
        number,
        ...string[],
      ];
      left.push(...users.map(userOf));
      if (more !== 1) return left;
    }
  }

  async list(topic: string): Promise<PresenceEntry[]> {
    const { conns, info } = this.keys.presence(topic);
    const users = (await this.scripts.list(conns, info, this.clock())) as string[];
    return users
      .map((u) => JSON.parse(u) as PresenceEntry)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async stats(topic: string): Promise<{ users: number; connections: number }> {
    const [users, connections] = (await this.scripts.stats(...this.topicKeys(topic), this.clock())) as [
      number,
      number,
    ];
    return { users, connections };
  }

  private topicKeys(topic: string): [string, string, string] {
    const { conns, info, users } = this.keys.presence(topic);
    return [conns, info, users];
  }

  async connectionsOf(topic: string, userId: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.presence(topic).users, userId)) ?? 0);
  }
}
