// Every Redis key of the support inbox, built in one place. Each key stands alone (no multi-key
// scripts), so no hash tags are needed for Redis Cluster.

export interface InboxKeys {
  /** STRING with expiry: a Chatwoot webhook delivery already accepted (de-duplication): its
   * X-Chatwoot-Delivery, or `body-<sha256 of the body>` when Chatwoot sent none. */
  delivery(deliveryId: string): string;
  /** LIST of JSON WebhookJobs: one Chatwoot conversation's events not yet applied, oldest first. */
  conversationEvents(chatwootConversationId: number): string;
  /** STRING with expiry: the lock of applying one Chatwoot conversation's events (one at a time). */
  eventsLock(chatwootConversationId: number): string;
  /** STRING with expiry: the lock of one conversation's outbound sync (one writer at a time). */
  syncLock(conversationId: string): string;
  /** STRING: the round-robin cursor of an inbox's routing. */
  roundRobin(inboxId: number): string;
  /** HASH agent id -> ms: when each agent of an inbox was first seen offline (reassignment grace). */
  agentOfflineSince(inboxId: number): string;
}

export function inboxKeys(prefix: string): InboxKeys {
  const base = `${prefix}:inbox`;
  return {
    delivery: (id) => `${base}:delivery:${id}`,
    syncLock: (id) => `${base}:sync-lock:${id}`,
    conversationEvents: (id) => `${base}:events:${id}`,
    eventsLock: (id) => `${base}:events-lock:${id}`,
    roundRobin: (inboxId) => `${base}:rr:${inboxId}`,
    agentOfflineSince: (inboxId) => `${base}:offline-since:${inboxId}`,
  };
}
