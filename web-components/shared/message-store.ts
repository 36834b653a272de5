// One channel's messages as the widgets show them: pages from the REST API, live events of the
// channel topic applied in offset order, and the member's own sends, shown at once (optimistic)
// and reconciled with the stored message by offset. Pure: no DOM, no network; unit-tested.
import type { ApiAttachment, ApiMessage } from './api.js';

/**
 * `held`: stored, but moderation holds it for review; only its author sees it, until approved.
 * A held send a moderator then removed stays `held` for its author, with `error` code `removed`.
 */
export type SendStatus = 'pending' | 'sent' | 'failed' | 'held';

/** Why a send failed: the hub's error code and message, and when trying again may succeed. */
export interface SendError {
  code: string;
  message: string;
  /** Milliseconds since the epoch after which a retry may succeed (slowmode, a timeout…). */
  retryAt?: number;
}

export interface ChatMessage extends ApiMessage {
  /** For the member's own sends: where the send stands. Stored messages are 'sent'. */
  status: SendStatus;
  /** For the member's own sends: the publish nonce, reused on retry so it is stored once. */
  nonce?: string;
  /** Why a send failed, to show inline (an AutoMod refusal's reason, a slowmode's wait); or
   * why a moderator removed it (code `removed`). */
  error?: SendError;
}

/** A publication of a channel topic, as the SDK delivers it. */
export interface ChannelPublication {
  offset: number;
  data: Record<string, unknown>;
  info?: { id: string; name: string };
  ts: number;
}

/** What applying a publication changed, for announcements and events. */
export type StoreChange =
  | { kind: 'added'; message: ChatMessage }
  | { kind: 'updated'; message: ChatMessage }
  | { kind: 'removed'; id: string }
  | { kind: 'thread'; id: string; threadId: string; name: string }
  | { kind: 'none' };

export class MessageStore {
  private readonly byId = new Map<string, ChatMessage>();
  private readonly pending = new Map<string, ChatMessage>();
  /** Offsets the hub gave to our sends, by nonce, until their message event arrives. */
  private readonly sentOffsets = new Map<string, number>();
  /** Offsets of `message.hidden` placeholders of messages not held here: one may be our send
   * whose ack has not come yet (AutoMod held it). */
  private readonly hiddenOffsets = new Set<number>();
  private version = 0;
  /** Offset before which earlier history may be loaded; null when the beginning is loaded. */
  nextBefore: number | null = null;
  threadNames = new Map<string, string>();

  constructor(private readonly me: () => string | undefined) {}

  /** Changes on every mutation, so a view can tell when to re-render. */
  get revision(): number {
    return this.version;
  }

  /**
   * Messages in display order: stored by offset, then own sends not yet stored. Deleted and
   * hidden ones are left out (a hidden one comes back with `message.restored`).
   */
  list(): ChatMessage[] {
    const held = [...this.pending.values()].filter((m) => m.status === 'held');
    const stored = [...this.byId.values(), ...held]
      .filter((m) => !m.deleted && m.hidden !== true)
      .sort((a, b) => a.offset - b.offset);
    return [...stored, ...[...this.pending.values()].filter((m) => m.status !== 'held')];
  }

  /** The member's own sends not (yet) stored: pending, failed or held. */
  unsent(): ChatMessage[] {
    return [...this.pending.values()];
  }

  get(id: string): ChatMessage | undefined {
    return this.byId.get(id);
  }

  /** The highest stored offset: what the member has read when they see the end of the list. */
  get lastOffset(): number {
    let last = 0;
    for (const m of this.byId.values()) last = Math.max(last, m.offset);
    return last;
  }

  /** A page of history from the REST API (current state: edits, reactions, pins applied). */
  loadPage(items: ApiMessage[], nextBefore: number | null): void {
    for (const item of items) {
      if (!this.byId.has(item.id)) this.byId.set(item.id, { ...item, status: 'sent' });
    }
    this.nextBefore = nextBefore;
    this.version++;
  }

  /**
   * The latest page, replacing what was loaded before (a first load, or a reload after recovery
   * failed), but keeping messages that arrived live after the page's newest one: the page may
   * have been read before them.
   */
  replaceWith(items: ApiMessage[], nextBefore: number | null): void {
    const newest = items.reduce((max, m) => Math.max(max, m.offset), 0);
    const later = [...this.byId.values()].filter((m) => m.offset > newest);
    this.byId.clear();
    this.loadPage(items, nextBefore);
    for (const m of later) if (!this.byId.has(m.id)) this.byId.set(m.id, m);
  }

  /** Applies one live (or recovered) publication of the channel topic. */
  apply(pub: ChannelPublication): StoreChange {
    const data = pub.data;
    const id = typeof data['id'] === 'string' ? data['id'] : '';
    const existing = this.byId.get(id);
    const change = (message: ChatMessage): StoreChange => {
      this.version++;
      return { kind: 'updated', message };
    };
    switch (data['kind']) {
      case 'message': {
        if (existing) return { kind: 'none' };
        const message = this.fromEvent(pub, data);
        this.byId.set(message.id, message);
        this.reconcile(pub.offset);
        this.claimPending(message);
        this.version++;
        return { kind: 'added', message };
      }
      case 'message.restored': {
        const restored = data['message'];
        if (!restored || typeof restored !== 'object') return { kind: 'none' };
        // The event's own author, offset and time: the publication is the moderator's.
        const author = data['author'] as { id?: unknown; name?: unknown } | undefined;
        const message = this.fromEvent(
          {
            offset: typeof data['offset'] === 'number' ? data['offset'] : pub.offset,
            data: restored as Record<string, unknown>,
            info:
              typeof author?.id === 'string'
                ? { id: author.id, name: typeof author.name === 'string' ? author.name : author.id }
                : pub.info,
            ts: typeof data['createdAt'] === 'number' ? data['createdAt'] : pub.ts,
          },
          restored as Record<string, unknown>,
        );
        const earlier = this.byId.get(message.id);
        if (earlier) message.offset = earlier.offset;
        const shown: ChatMessage = earlier
          ? { ...earlier, body: message.body, mentions: message.mentions, deleted: false, hidden: false }
          : message;
        this.byId.set(message.id, shown);
        // The author's own send, held since its ack: this is it.
        this.reconcile(shown.offset);
        this.version++;
        return { kind: 'added', message: shown };
      }
      case 'message.edited':
        if (!existing) return { kind: 'none' };
        existing.body = String(data['body'] ?? existing.body);
        existing.editedAt = typeof data['editedAt'] === 'number' ? data['editedAt'] : pub.ts;
        return change(existing);
      case 'message.deleted':
      case 'message.hidden':
        if (!existing) {
          // AutoMod held a message at once: the placeholder is all the channel gets. If it is
          // our send, tell its author (whether or not the ack said so).
          if (data['kind'] === 'message.hidden') this.heldAt(pub.offset);
          return { kind: 'none' };
        }
        if (data['kind'] === 'message.hidden') existing.hidden = true;
        else existing.deleted = true;
        this.version++;
        return { kind: 'removed', id };
      case 'reaction': {
        if (!existing) return { kind: 'none' };
        const emoji = String(data['emoji']);
        const count = Number(data['count'] ?? 0);
        const mine = data['userId'] === this.me();
        const reaction = existing.reactions.find((r) => r.emoji === emoji);
        if (reaction) {
          reaction.count = count;
          if (mine) reaction.me = data['added'] === true;
        } else if (count > 0) {
          existing.reactions.push({ emoji, count, me: mine && data['added'] === true });
        }
        existing.reactions = existing.reactions.filter((r) => r.count > 0);
        return change(existing);
      }
      case 'pin':
        if (!existing) return { kind: 'none' };
        existing.pinned = data['pinned'] === true;
        return change(existing);
      case 'thread': {
        const threadId = String(data['threadId'] ?? '');
        const name = String(data['name'] ?? '');
        this.threadNames.set(threadId, name);
        if (existing) existing.threadId = threadId;
        this.version++;
        return { kind: 'thread', id, threadId, name };
      }
      default:
        return { kind: 'none' };
    }
  }

  /**
   * A moderator's decision about one of the member's held sends, from their own topic
   * (`message.reviewed`): a removed one stays in view for them, held, with error code `removed`
   * and the moderator's reason. An
   * approved one needs nothing here: the channel's `message.restored` shows it. (A message
   * that was shown to all and is removed leaves every view, its author's too.) True when
   * this store holds the send.
   */
  reviewed(data: Record<string, unknown>): boolean {
    // Only message.reviewed has a decision; a pending send has its message id once held.
    const entry =
      data['decision'] === 'removed'
        ? [...this.pending.values()].find((m) => m.id === data['messageId'])
        : undefined;
    if (entry) {
      entry.error = { code: 'removed', message: String(data['reason']) };
      this.version++;
    }
    return entry !== undefined;
  }

  /** Shows the member's own send at once, as pending. */
  addPending(
    nonce: string,
    body: string,
    replyToId: string | null,
    author: { id: string; name: string },
    attachments: ApiAttachment[] = [],
  ): ChatMessage {
    const message: ChatMessage = {
      id: `pending-${nonce}`,
      channelId: '',
      offset: Number.MAX_SAFE_INTEGER,
      author,
      body,
      attachments,
      replyToId,
      threadId: null,
      mentions: { userIds: [], roleIds: [], everyone: false },
      reactions: [],
      pinned: false,
      editedAt: null,
      deleted: false,
      createdAt: Date.now(),
      status: 'pending',
      nonce,
    };
    this.pending.set(nonce, message);
    this.version++;
    return message;
  }

  /** The hub stored a send at `offset`: the pending entry goes once its message is here. */
  confirm(nonce: string, offset: number): void {
    const entry = this.pending.get(nonce);
    if (!entry) {
      this.sentOffsets.delete(nonce); // claimed when its message arrived first
      return;
    }
    entry.status = 'sent';
    this.sentOffsets.set(nonce, offset);
    this.reconcile(offset);
    if (this.hiddenOffsets.has(offset)) this.heldAt(offset);
    this.version++;
  }

  /**
   * The hub stored a send but AutoMod holds it for review (the ack said `held`, or the channel
   * got a `message.hidden` placeholder at its offset): its author keeps seeing it, marked.
   */
  hold(nonce: string, offset: number, messageId?: string): void {
    const entry = this.pending.get(nonce);
    if (!entry) return;
    entry.status = 'held';
    entry.offset = offset;
    if (messageId) entry.id = messageId;
    this.sentOffsets.set(nonce, offset);
    this.version++;
  }

  fail(nonce: string, error: SendError): void {
    const entry = this.pending.get(nonce);
    if (!entry) return;
    entry.status = 'failed';
    entry.error = error;
    this.version++;
  }

  /** A failed send tried again: pending once more, with the same nonce. */
  retry(nonce: string): ChatMessage | undefined {
    const entry = this.pending.get(nonce);
    if (!entry) return undefined;
    entry.status = 'pending';
    delete entry.error;
    this.version++;
    return entry;
  }

  discard(nonce: string): void {
    if (this.pending.delete(nonce)) this.version++;
  }

  /** Drops everything (the channel must be reloaded: recovery failed). */
  reset(): void {
    this.byId.clear();
    this.hiddenOffsets.clear();
    this.nextBefore = null;
    this.version++;
  }

  /**
   * Our own message arrived before the reply to its publish: the oldest pending send with the
   * same text is that message (the hub keeps one connection's publishes in order).
   */
  private claimPending(message: ChatMessage): void {
    if (message.author.id !== this.me()) return;
    const text = message.body.trim();
    for (const [nonce, entry] of this.pending) {
      if (this.sentOffsets.has(nonce) || entry.body.replace(/\r\n?/g, '\n').trim() !== text) continue;
      this.pending.delete(nonce);
      this.sentOffsets.set(nonce, message.offset);
      return;
    }
  }

  private heldAt(offset: number): void {
    for (const [nonce, at] of this.sentOffsets) {
      if (at === offset && this.pending.has(nonce)) return this.hold(nonce, offset);
    }
    this.hiddenOffsets.add(offset);
  }

  private reconcile(offset: number): void {
    const stored = [...this.byId.values()].some((m) => m.offset === offset);
    if (!stored) return;
    for (const [nonce, at] of this.sentOffsets) {
      if (at === offset) {
        this.pending.delete(nonce);
        this.sentOffsets.delete(nonce);
      }
    }
  }

  private fromEvent(pub: ChannelPublication, data: Record<string, unknown>): ChatMessage {
    const mentions = (data['mentions'] ?? {}) as Partial<ChatMessage['mentions']>;
    return {
      id: String(data['id']),
      channelId: '',
      offset: pub.offset,
      author: {
        ...(pub.info ?? { id: 'unknown', name: '?' }),
        picture: data['picture'] as string | undefined,
      },
      body: String(data['body'] ?? ''),
      ...(Array.isArray(data['attachments']) ? { attachments: data['attachments'] as ApiAttachment[] } : {}),
      replyToId: typeof data['replyToId'] === 'string' ? data['replyToId'] : null,
      threadId: null,
      mentions: {
        userIds: mentions.userIds ?? [],
        roleIds: mentions.roleIds ?? [],
        everyone: mentions.everyone ?? false,
      },
      reactions: [],
      pinned: false,
      editedAt: null,
      deleted: false,
      createdAt: pub.ts,
      status: 'sent',
    };
  }
}
