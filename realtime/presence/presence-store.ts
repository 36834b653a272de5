// The presence seam: who is connected to a topic, aggregated per user. Connections are the
// unit of storage (one user may have several, on several nodes); users are the unit of what
// clients see. Every entry expires unless refreshed, so the connections of a dead node vanish
// within `ttlMs` plus one sweep interval.
//
// Guarantees every implementation gives (checked by presence-store.contract.ts):
// - add reports userJoined only for a user's first live connection in the topic; remove and
//   sweep report a user as left only when their last connection goes; add and remove also say
//   how many users the topic counts now (expired ones not swept yet included), so the tracker
//   knows a large topic without asking;
// - a user's status is aggregated over their connections: dnd if any is dnd, else online if
//   any is online, else idle; setStatus reports the aggregate when it changed;
// - list and stats never count expired connections (they sweep first, or filter);
// - every change for one topic is atomic: concurrent adds and removes on several nodes never
//   leave a user counted twice or left behind.
import type { ClientInfo, PresenceEntry, PresenceStatus } from '../../protocol/index.js';

export interface PresenceConnection extends ClientInfo {
  connId: string;
  status: PresenceStatus;
}

export interface PresenceStore {
  add(
    topic: string,
    conn: PresenceConnection,
    ttlMs: number,
  ): Promise<{ userJoined: boolean; user: PresenceEntry; users: number }>;
  /** Extends the expiry of these connections (one node's heartbeat for one topic). */
  refresh(topic: string, connIds: readonly string[], ttlMs: number): Promise<void>;
  remove(topic: string, connId: string): Promise<{ userLeft: ClientInfo | null; users: number }>;
  setStatus(
    topic: string,
    connId: string,
    status: PresenceStatus,
  ): Promise<{ changed: (ClientInfo & { status: PresenceStatus }) | null }>;
  /** Removes expired connections; returns the users who left because of it. */
  sweep(topic: string, now?: number): Promise<ClientInfo[]>;
  list(topic: string): Promise<PresenceEntry[]>;
  stats(topic: string): Promise<{ users: number; connections: number }>;
  /** A user's connections in the topic, as last counted (expired ones leave at the next sweep). */
  connectionsOf(topic: string, userId: string): Promise<number>;
}
