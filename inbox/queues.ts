// The support inbox's job queues and their job data. Inbound webhook events run on one queue
// with concurrency 1, so Chatwoot's changes are applied in the order they arrived; outbound work
// is keyed per conversation (a flush sends everything pending, in order, under a lock).

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
