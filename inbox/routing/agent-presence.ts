// Which support agents are connected to the hub right now, from the gateway's presence: every
// authenticated connection is present in the internal ONLINE topic on whichever node holds it,
// with an expiry its node refreshes, so this answer is the same from any process (a worker
// included) and a crashed node's connections stop counting within the presence TTL.
import { ONLINE } from '../../realtime/gateway/presence-tracker.js';
import type { PresenceStore } from '../../realtime/presence/presence-store.js';

export interface AgentPresence {
  /** The users among these who hold at least one live connection. */
  online(userIds: readonly string[]): Promise<Set<string>>;
}

export function hubAgentPresence(store: PresenceStore): AgentPresence {
  return {
    async online(userIds) {
      if (userIds.length === 0) return new Set();
      // Expired connections (of a node that died) leave first; live nodes sweep too, this only
      // makes the answer independent of their timing.
      await store.sweep(ONLINE);
      const counts = await Promise.all(userIds.map((id) => store.connectionsOf(ONLINE, id)));
      return new Set(userIds.filter((_, i) => (counts[i] ?? 0) > 0));
    },
  };
}
