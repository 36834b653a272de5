// The support inbox's job queues and their job data. Inbound webhook events of one Chatwoot
// conversation wait in a Redis list of their own, oldest first; each event's job applies that
// list in order under the conversation's lock (sync/conversation-events.ts), so any number of
// workers, and retries, keep Chatwoot's order. Outbound work is keyed per conversation (a flush
// sends everything pending, in order, under a lock).

export const INBOX_EVENTS_QUEUE = 'inbox-events';
export const INBOX_OUTBOUND_QUEUE = 'inbox-outbound';
export const INBOX_SLA_QUEUE = 'inbox-sla';
/** Carries only the periodic check of agents' presence (reassignment when an agent is gone). */
export const INBOX_AVAILABILITY_QUEUE = 'inbox-availability';

/** A verified Chatwoot webhook, as received. */
export interface WebhookJob {
  deliveryId: string;
  receivedAt: number;
  payload: Record<string, unknown>;
  /**
   * The Chatwoot conversation the event is about: then the event waits in that conversation's
   * list, and the job applies the list (this event and any before it) in order.
   */
  conversation?: number;
}

export type OutboundJob =
  | { op: 'flush'; conversationId: string }
  | { op: 'status'; conversationId: string; status: string; snoozedUntil?: number }
  | { op: 'priority'; conversationId: string; priority: string }
  | { op: 'assign'; conversationId: string; agentId?: number; teamId?: number }
  | { op: 'labels'; conversationId: string; labels: string[] }
  | { op: 'reconcile' };

export interface SlaJob {
  conversationId: string;
  target: 'first_response' | 'next_response' | 'resolution';
  stage: 'warning' | 'breach';
  /** The due time the job was scheduled for; a job whose clock moved since is stale. */
  dueAt: number;
}
