// This node's side of presence: it adds its connections to the topics they join, refreshes
// them on a heartbeat, removes them when they leave, sweeps the connections of dead nodes out of
// the topics it serves, and turns every change of a user's presence into a frame for the
// topic's subscribers. Only community channels and timelines carry presence.
import type { Logger } from 'pino';
import type { ClientInfo, PresenceStatus, Topic } from '../../protocol/index.js';
import type { Broker } from '../broker/broker.js';
import type { PresenceStore } from '../presence/presence-store.js';
import type { Connection } from './connection.js';

export const hasPresence = (topic: Topic) => topic.kind === 'chan' || topic.kind === 'timeline';

/**
 * Every authenticated connection is present here, so features can ask whether a user is
 * online anywhere (offline notifications). Not a topic clients can subscribe to: no frames.
 */
export const ONLINE = 'online';

export interface PresenceTrackerOptions {
  ttlMs: number;
  refreshMs: number;
}

export class PresenceTracker {
  /** topic -> this node's connections present in it. */
  private readonly local = new Map<string, Map<string, Connection>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: PresenceStore,
    private readonly broker: Broker,
    private readonly options: PresenceTrackerOptions,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.heartbeat(), options.refreshMs);
    this.timer.unref();
  }

  async join(topic: string, conn: Connection): Promise<void> {
    const user = conn.user;
    if (!user) return;
    let conns = this.local.get(topic);
    if (!conns) this.local.set(topic, (conns = new Map()));
    conns.set(conn.id, conn);
    const { userJoined, user: entry } = await this.store.add(
      topic,
      { connId: conn.id, id: user.id, name: user.name, status: conn.status },
      this.options.ttlMs,
    );
    if (userJoined)
      await this.broker.emit(topic, JSON.stringify({ type: 'join', channel: topic, user: entry }));
  }

  async leave(topic: string, conn: Connection): Promise<void> {
    const conns = this.local.get(topic);
    if (!conns?.delete(conn.id)) return;
    if (conns.size === 0) this.local.delete(topic);
    const { userLeft } = await this.store.remove(topic, conn.id);
    if (userLeft) await this.emitLeave(topic, userLeft);
  }

  /** Whether the user has a live connection on any node. */
  async isOnline(userId: string): Promise<boolean> {
    return (await this.store.connectionsOf(ONLINE, userId)) > 0;
  }

  async setStatus(conn: Connection, status: PresenceStatus): Promise<void> {
    conn.status = status;
    for (const [topic, conns] of this.local) {
      if (!conns.has(conn.id) || topic === ONLINE) continue;
      const { changed } = await this.store.setStatus(topic, conn.id, status);
      if (changed)
        await this.broker.emit(topic, JSON.stringify({ type: 'status', channel: topic, user: changed }));
    }
  }

  /** Forgets this node's connections without removing them: they expire, as on a crash. */
  stop(): void {
    clearInterval(this.timer);
    this.local.clear();
  }

  /** Refreshes our connections and sweeps out the expired ones of every topic we serve. */
  private async heartbeat(): Promise<void> {
    for (const [topic, conns] of this.local) {
      try {
        await this.store.refresh(topic, [...conns.keys()], this.options.ttlMs);
        for (const user of await this.store.sweep(topic)) await this.emitLeave(topic, user);
      } catch (err) {
        this.log.warn({ err, topic }, 'presence heartbeat failed');
      }
    }
  }

  private async emitLeave(topic: string, user: ClientInfo): Promise<void> {
    if (topic === ONLINE) return;
    await this.broker.emit(
      topic,
      JSON.stringify({ type: 'leave', channel: topic, user: { id: user.id, name: user.name } }),
    );
  }
}
