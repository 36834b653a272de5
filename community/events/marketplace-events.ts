// The events Hubbub sends the marketplace core by signed webhook (docs/integration.md#6-events):
// their envelope, each type's data, and the seam features emit them through. Emitting is one
// small call after the change is stored; delivery (signing, retries, dead letters) is the
// worker's, in deliver-events.ts.

/** What each event type carries in `data`. */
export interface MarketplaceEventData {
  'member.joined': { userId: string; name: string | null; via: 'join' | 'service' };
  'member.left': { userId: string; reason: 'left' | 'kicked' | 'banned' | 'removed'; by: string };
  'message.flagged': {
    caseId: string;
    channelId: string;
    messageId: string;
    authorId: string;
    /** Who flagged it first: a member's report, AutoMod or the scoring worker. */
    source: string;
    by: string;
  };
  'case.decided': {
    caseId: string;
    channelId: string;
    messageId: string;
    authorId: string;
    action: string;
    by: string;
    reason: string;
    durationS: number | null;
  };
  'live_session.scheduled': LiveSessionData;
  'live_session.started': LiveSessionData;
  'live_session.ended': LiveSessionData;
  'support.conversation_resolved': { conversationId: string; userId: string; by: string | null };
}

export interface LiveSessionData {
  sessionId: string;
  title: string;
  hostId: string;
  /** ISO 8601. */
  startsAt: string;
}

export type MarketplaceEventType = keyof MarketplaceEventData;

export const MARKETPLACE_EVENT_TYPES = [
  'member.joined',
  'member.left',
  'message.flagged',
  'case.decided',
  'live_session.scheduled',
  'live_session.started',
  'live_session.ended',
  'support.conversation_resolved',
] as const satisfies readonly MarketplaceEventType[];

/** The body of one webhook: one event. */
export interface MarketplaceEvent<T extends MarketplaceEventType = MarketplaceEventType> {
  /** Unique per event, the same on every delivery attempt: the receiver's deduplication key. */
  id: string;
  type: T;
  /** ISO 8601, when the change was stored. */
  occurredAt: string;
  /** null for events outside a community (a direct conversation's support case). */
  communityId: string | null;
  data: MarketplaceEventData[T];
}

/**
 * Where features emit events. `emit` resolves once the event is queued for delivery (at least
 * once from then on); it never rejects: the change it reports is already stored, so a queue
 * that cannot be reached is logged with the whole event rather than failing the caller.
 */
export interface MarketplaceEvents {
  emit<T extends MarketplaceEventType>(
    type: T,
    communityId: string | null,
    data: MarketplaceEventData[T],
  ): Promise<void>;
}

/** No webhook configured: events go nowhere. */
export const NO_EVENTS: MarketplaceEvents = { emit: async () => {} };
