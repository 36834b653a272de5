// PresenceStore in one process's memory, for unit tests of the modules that use presence. Same
// rules as the Redis store (presence-store.contract.ts runs against both); every method runs
// synchronously to its end, which is what makes each change atomic here.
import type { ClientInfo, PresenceEntry, PresenceStatus } from '../../protocol/index.js';
import type { PresenceConnection, PresenceStore } from './presence-store.js';

interface Conn {
  info: ClientInfo;
  status: PresenceStatus;
  expiresAtMs: number;
}

interface Topic {
  conns: Map<string, Conn>;
  /** userId -> connections not yet removed or swept, expired ones included (see sweep). */
  users: Map<string, number>;
}

const RANK: Record<PresenceStatus, number> = { idle: 1, online: 2, dnd: 3 };

export class MemoryPresenceStore implements PresenceStore {
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly clock: () => number = Date.now) {}

  async add(
    topic: string,
    conn: PresenceConnection,
    ttlMs: number,
  ): Promise<{ userJoined: boolean; user: PresenceEntry; users: number }> {
    if (!(ttlMs > 0)) throw new RangeError(`presence: ttlMs must be > 0, got ${ttlMs}`);
    const t = this.topic(topic);
    const known = t.conns.get(conn.connId);
    if (known && known.info.id !== conn.id) {
      throw new Error(`presence: connection ${conn.connId} belongs to another user`);
    }
    t.conns.set(conn.connId, {
      info: { id: conn.id, name: conn.name },
      status: conn.status,
      expiresAtMs: this.clock() + ttlMs,
    });
    const count = known ? (t.users.get(conn.id) ?? 0) : (t.users.get(conn.id) ?? 0) + 1;
    t.users.set(conn.id, count);
    const user = this.entries(t, this.clock(), conn.id)[0];
    if (!user) throw new Error('presence: unreachable, a connection just added is live');
    return { userJoined: !known && count === 1, user: { ...user, name: conn.name }, users: t.users.size };
  }

  async refresh(topic: string, connIds: readonly string[], ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) throw new RangeError(`presence: ttlMs must be > 0, got ${ttlMs}`);
    const t = this.topics.get(topic);
    if (!t) return;
    const expiresAtMs = this.clock() + ttlMs;
    for (const connId of connIds) {
      const conn = t.conns.get(connId);
      if (conn) conn.expiresAtMs = expiresAtMs;
    }
  }

  async remove(topic: string, connId: string): Promise<{ userLeft: ClientInfo | null; users: number }> {
    const t = this.topics.get(topic);
    const conn = t?.conns.get(connId);
    if (!t || !conn) return { userLeft: null, users: t?.users.size ?? 0 };
    const userLeft = this.drop(t, topic, connId, conn);
    return { userLeft, users: t.users.size };
  }

  async setStatus(
    topic: string,
    connId: string,
    status: PresenceStatus,
  ): Promise<{ changed: (ClientInfo & { status: PresenceStatus }) | null }> {
    const t = this.topics.get(topic);
    const conn = t?.conns.get(connId);
    if (!t || !conn) return { changed: null };
    const now = this.clock();
    const before = this.entries(t, now, conn.info.id)[0]?.status;
    conn.status = status;
    const after = this.entries(t, now, conn.info.id)[0]?.status;
    return { changed: after && after !== before ? { ...conn.info, status: after } : null };
  }

  async sweep(topic: string, now = this.clock()): Promise<ClientInfo[]> {
    const t = this.topics.get(topic);
    if (!t) return [];
    const left: ClientInfo[] = [];
    for (const [connId, conn] of t.conns) {
      if (conn.expiresAtMs > now) continue;
      const user = this.drop(t, topic, connId, conn);
      if (user) left.push(user);
    }
    return left;
  }

  async list(topic: string): Promise<PresenceEntry[]> {
    const t = this.topics.get(topic);
    return t ? this.entries(t, this.clock()) : [];
  }

  async stats(topic: string): Promise<{ users: number; connections: number }> {
    const entries = await this.list(topic);
    return { users: entries.length, connections: entries.reduce((n, e) => n + e.connections, 0) };
  }

  async connectionsOf(topic: string, userId: string): Promise<number> {
    return this.topics.get(topic)?.users.get(userId) ?? 0;
  }

  private topic(topic: string): Topic {
    let t = this.topics.get(topic);
    if (!t) this.topics.set(topic, (t = { conns: new Map(), users: new Map() }));
    return t;
  }

  /** Forgets one connection; returns its user if it was their last. */
  private drop(t: Topic, topic: string, connId: string, conn: Conn): ClientInfo | null {
    t.conns.delete(connId);
    const count = (t.users.get(conn.info.id) ?? 0) - 1;
    if (count > 0) t.users.set(conn.info.id, count);
    else t.users.delete(conn.info.id);
    if (t.conns.size === 0) this.topics.delete(topic);
    return count > 0 ? null : { ...conn.info };
  }

  /** Users with live connections (only `userId` if given), sorted by id. */
  private entries(t: Topic, now: number, userId?: string): PresenceEntry[] {
    const users = new Map<string, PresenceEntry>();
    for (const conn of t.conns.values()) {
      if (conn.expiresAtMs <= now || (userId !== undefined && conn.info.id !== userId)) continue;
      const entry = users.get(conn.info.id);
      if (!entry) users.set(conn.info.id, { ...conn.info, status: conn.status, connections: 1 });
      else {
        entry.connections += 1;
        if (RANK[conn.status] > RANK[entry.status]) entry.status = conn.status;
      }
    }
    return [...users.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
