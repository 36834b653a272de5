// The widgets' events: prefixed `hub-`, typed, bubbling and composed (they cross shadow roots to
// the host page). `HubEventMap` lists every event and its detail; `addEventListener` on a widget
// is typed through the HTMLElementEventMap augmentation below.

export interface HubEventMap {
  /** A message the member sent was stored by the hub. */
  'hub-message-sent': { channelId: string; messageId?: string; offset: number };
  /** A message could not be sent; `code` is the hub's error code (`automod_blocked`, …);
   * `retryAfterMs` when a retry may succeed after a wait (`slowmode`, `timed_out`, `rate_limited`). */
  'hub-message-failed': { channelId: string; code: string; message: string; retryAfterMs?: number };
  /** A new message arrived from someone else. */
  'hub-message-received': { channelId: string; messageId: string; authorId: string };
  /** The unread and mention counts of the community changed. */
  'hub-unread-changed': {
    unread: number;
    mentions: number;
    channels: Record<string, { unread: number; mentions: number }>;
  };
  /** The member opened another channel. */
  'hub-channel-changed': { channelId: string; name: string };
  /** The connection state changed. */
  'hub-connection-changed': { state: string; pendingSends: number };
  /** The member reported a message. */
  'hub-message-reported': { channelId: string; messageId: string };
  /** A moderator decided a case. */
  'hub-case-decided': { caseId: string; action: string };
  /** A new case arrived in the moderation queue. */
  'hub-case-opened': { caseId: string; source: string };
  /** An agent opened a support conversation in the inbox. */
  'hub-conversation-selected': { conversationId: string; subject: string };
  /** An agent's reply or private note was stored by the hub (it syncs to Chatwoot after). */
  'hub-reply-sent': { conversationId: string; messageId: string; private: boolean };
  /** An agent changed a conversation's status, assignment, priority or labels. */
  'hub-conversation-updated': {
    conversationId: string;
    change: 'status' | 'assignment' | 'priority' | 'labels';
  };
  /** A member's message arrived in a support conversation. */
  'hub-support-message': { conversationId: string; messageId: string };
  /** In <hub-chat>'s support view, the member's message was stored (`started`: a new conversation). */
  'hub-support-sent': { conversationId: string; started: boolean };
  /** In <hub-chat>'s support view, an agent's reply arrived live. */
  'hub-support-reply': { conversationId: string; messageId: string };
  /** The member joined a live session's room, with their role (`host`, `speaker`, `audience`). */
  'hub-live-joined': { sessionId: string; role: string };
  /** The member is out of the room: `left`, `removed` (by a host), `ended`, or `lost` (network). */
  'hub-live-left': { sessionId: string; reason: string };
  /** A host invited the member on stage (`speaker`), or sent them back (`audience`). */
  'hub-live-role-changed': { sessionId: string; role: string };
  /** The member raised or lowered their hand. */
  'hub-live-hand-changed': { sessionId: string; raised: boolean };
  /** The member's question was stored: `open`, or `held` by AutoMod for the hosts. */
  'hub-live-question-asked': { sessionId: string; questionId: string; status: string };
  /** The member voted in a poll. */
  'hub-live-poll-voted': { sessionId: string; pollId: string; choices: number[] };
  /** The member sent a reaction. */
  'hub-live-reaction-sent': { sessionId: string; emoji: string };
  /** Something failed that the widget shows; for the host page's logs. */
  'hub-error': { code: string; message: string };
}

export type HubEventName = keyof HubEventMap;

/** Dispatches a `hub-` event from a widget: bubbles and crosses shadow roots. */
export function emit<K extends HubEventName>(target: EventTarget, name: K, detail: HubEventMap[K]): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }),
  );
}

declare global {
  interface HTMLElementEventMap {
    'hub-message-sent': CustomEvent<HubEventMap['hub-message-sent']>;
    'hub-message-failed': CustomEvent<HubEventMap['hub-message-failed']>;
    'hub-message-received': CustomEvent<HubEventMap['hub-message-received']>;
    'hub-unread-changed': CustomEvent<HubEventMap['hub-unread-changed']>;
    'hub-channel-changed': CustomEvent<HubEventMap['hub-channel-changed']>;
    'hub-connection-changed': CustomEvent<HubEventMap['hub-connection-changed']>;
    'hub-message-reported': CustomEvent<HubEventMap['hub-message-reported']>;
    'hub-case-decided': CustomEvent<HubEventMap['hub-case-decided']>;
    'hub-case-opened': CustomEvent<HubEventMap['hub-case-opened']>;
    'hub-conversation-selected': CustomEvent<HubEventMap['hub-conversation-selected']>;
    'hub-reply-sent': CustomEvent<HubEventMap['hub-reply-sent']>;
    'hub-conversation-updated': CustomEvent<HubEventMap['hub-conversation-updated']>;
    'hub-support-message': CustomEvent<HubEventMap['hub-support-message']>;
    'hub-support-sent': CustomEvent<HubEventMap['hub-support-sent']>;
    'hub-support-reply': CustomEvent<HubEventMap['hub-support-reply']>;
    'hub-live-joined': CustomEvent<HubEventMap['hub-live-joined']>;
    'hub-live-left': CustomEvent<HubEventMap['hub-live-left']>;
    'hub-live-role-changed': CustomEvent<HubEventMap['hub-live-role-changed']>;
    'hub-live-hand-changed': CustomEvent<HubEventMap['hub-live-hand-changed']>;
    'hub-live-question-asked': CustomEvent<HubEventMap['hub-live-question-asked']>;
    'hub-live-poll-voted': CustomEvent<HubEventMap['hub-live-poll-voted']>;
    'hub-live-reaction-sent': CustomEvent<HubEventMap['hub-live-reaction-sent']>;
    'hub-error': CustomEvent<HubEventMap['hub-error']>;
  }
}
