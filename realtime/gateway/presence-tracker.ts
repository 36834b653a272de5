// This node's side of presence: it adds its connections to the topics they join, refreshes
// them on a heartbeat, removes them when they leave, sweeps the connections of dead nodes out of
// the topics it serves, and turns every change of a user's presence into a frame for the
// topic's subscribers. Only community channels and timelines carry presence.
//
// Large topics are the exception: a join frame per member who comes costs every subscriber a
// frame, n² in all as a big channel fills up. Past `liveMaxUsers` users, a topic's changes only
// mark it, and each node sends the marked topics' counts once per `countIntervalMs`.
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
  /** Past this many users, a topic gets counts instead of join, leave and status frames. */
  liveMaxUsers: number;
  countIntervalMs: number;
}

export class PresenceTracker {
  /** topic -> this node's connections present in it. */
  private readonly local = new Map<string, Map<string, Connection>>();
  private readonly timer: NodeJS.Timeout;
  private readonly countTimer: NodeJS.Timeout;
  /** topic -> users it counted at this node's last change there (includes unswept ones). */
  private readonly sizes = new Map<string, number>();
  /** Large topics whose presence changed since their last count frame. */
  private readonly changed = new Set<string>();
  /** Topics whose last count frame said `live: false` (so the next says when it is live again). */
  private readonly counting = new Set<string>();

  constructor(
    private readonly store: PresenceStore,
    private readonly broker: Broker,
    private readonly options: PresenceTrackerOptions,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.heartbeat(), options.refreshMs);
    this.timer.unref();
    this.countTimer = setInterval(() => void this.sendCounts(), options.countIntervalMs);
    this.countTimer.unref();
  }

  async join(topic: string, conn: Connection): Promise<void> {
    const user = conn.user;
    if (!user) return;
    let conns = this.local.get(topic);
    if (!conns) this.local.set(topic, (conns = new Map()));
    conns.set(conn.id, conn);
    const {
      userJoined,
      user: entry,
      users,
    } = await this.store.add(
      topic,
      { connId: conn.id, id: user.id, name: user.name, status: conn.status },
      this.options.ttlMs,
    );
    // Nobody subscribes to ONLINE: a join frame there would be a Redis publish per connect for no one.
    if (!userJoined || topic === ONLINE || this.counted(topic, users)) return;
    await this.broker.emit(topic, JSON.stringify({ type: 'join', channel: topic, user: entry }));
  }

  async leave(topic: string, conn: Connection): Promise<void> {
    const conns = this.local.get(topic);
    if (!conns?.delete(conn.id)) return;
    if (conns.size === 0) this.local.delete(topic);
    const { userLeft, users } = await this.store.remove(topic, conn.id);
    if (userLeft && !this.counted(topic, users)) await this.emitLeave(topic, userLeft);
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
      // A large topic's counts do not change with a status: nothing to send.
      if (changed && !this.isLarge(topic))
        await this.broker.emit(topic, JSON.stringify({ type: 'status', channel: topic, user: changed }));
    }
  }

  /** Forgets this node's connections without removing them: they expire, as on a crash. */
  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.countTimer);
    this.local.clear();
    this.sizes.clear();
    this.changed.clear();
    this.counting.clear();
  }

  /** Refreshes our connections and sweeps out the expired ones of every topic we serve. */
  private async heartbeat(): Promise<void> {
    for (const [topic, conns] of this.local) {
      try {
        await this.store.refresh(topic, [...conns.keys()], this.options.ttlMs);
        const left = await this.store.sweep(topic);
        if (left.length === 0) continue;
        const size = Math.max(0, (this.sizes.get(topic) ?? 0) - left.length);
        if (this.counted(topic, size)) continue;
        for (const user of left) await this.emitLeave(topic, user);
      } catch (err) {
        this.log.warn({ err, topic }, 'presence heartbeat failed');
      }
    }
  }

  private isLarge(topic: string): boolean {
    return (this.sizes.get(topic) ?? 0) > this.options.liveMaxUsers;
  }

  /** Notes the topic's size after a change; true when the change goes out as counts (the topic is
   * large, or was at its last count frame and must say it is live again). */
  private counted(topic: string, users: number): boolean {
    if (topic === ONLINE) return false;
    this.sizes.set(topic, users);
    if (users > this.options.liveMaxUsers || this.counting.has(topic)) {
      this.changed.add(topic);
      return true;
    }
    return false;
  }

  /** One count frame per changed large topic (and a last one, `live`, for a topic that shrank). */
  private async sendCounts(): Promise<void> {
    const topics = [...this.changed];
    this.changed.clear();
    for (const topic of topics) {
      try {
        const { users, connections } = await this.store.stats(topic);
        this.sizes.set(topic, users);
        const live = users <= this.options.liveMaxUsers;
        if (live) this.counting.delete(topic);
        else this.counting.add(topic);
        await this.broker.emit(
          topic,
          JSON.stringify({ type: 'presence_count', channel: topic, users, connections, live }),
        );
      } catch (err) {
        this.log.warn({ err, topic }, 'presence count failed');
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
