// What the member's support view holds, and how the live events of their `user:<id>` topic
// change it: the member's conversations, the open one's messages (each once, in time order,
// whether it came from a REST answer or a live event), replies not yet seen, and which agents
// are typing. No DOM and no network, so it is tested on its own.
import type { SupportConversationView, SupportEvent, SupportMessageView } from '../../../protocol/index.js';

/** An agent's typing is shown this long after its last sign, unless they are said to stop. */
export const AGENT_TYPING_SHOWN_MS = 15_000;

export type SupportChange =
  | { kind: 'none' }
  | { kind: 'reply'; conversationId: string; message: SupportMessageView; open: boolean }
  | { kind: 'message'; conversationId: string; message: SupportMessageView }
  | { kind: 'conversation'; conversation: SupportConversationView; previousStatus: string | undefined };

const byTime = (a: SupportMessageView, b: SupportMessageView) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const byUpdated = (a: SupportConversationView, b: SupportConversationView) =>
  b.updatedAt.localeCompare(a.updatedAt);

export class SupportState {
  conversations: SupportConversationView[] = [];
  /** The open conversation's id. */
  openId: string | undefined;
  messages: SupportMessageView[] = [];
  /** Conversations with agent replies the member has not seen. */
  readonly unseen = new Set<string>();
  /** Agents typing to the member, by user id (`agent:<chatwoot id>`). */
  readonly typing = new Map<string, { name: string; until: number }>();

  get open(): SupportConversationView | undefined {
    return this.conversations.find((c) => c.id === this.openId);
  }

  setConversations(items: SupportConversationView[]): void {
    this.conversations = [...items].sort(byUpdated);
  }

  /** Shows a conversation with its messages (from the API). */
  show(conversation: SupportConversationView, messages: SupportMessageView[]): void {
    this.upsert(conversation);
    if (this.openId !== conversation.id) this.messages = [];
    this.openId = conversation.id;
    // Keep what arrived live while the page was on its way.
    const known = new Map(this.messages.map((m) => [m.id, m]));
    for (const m of messages) known.set(m.id, m);
    this.messages = [...known.values()].sort(byTime);
    this.unseen.delete(conversation.id);
  }

  close(): void {
    this.openId = undefined;
    this.messages = [];
  }

  /** A message the member wrote, as the API answered it (its live echo is then ignored). */
  added(conversationId: string, message: SupportMessageView): void {
    if (conversationId === this.openId) this.addMessage(message);
  }

  upsert(conversation: SupportConversationView): void {
    const rest = this.conversations.filter((c) => c.id !== conversation.id);
    this.conversations = [conversation, ...rest].sort(byUpdated);
  }

  /** A live event of the member's topic; says what changed, for announcements. */
  apply(event: SupportEvent): SupportChange {
    switch (event.kind) {
      case 'support.message':
      case 'support.message_updated': {
        const open = event.conversationId === this.openId;
        const isNew = open ? this.addMessage(event.message) : event.kind === 'support.message';
        const known = this.conversations.find((c) => c.id === event.conversationId);
        if (known && event.message.createdAt > known.updatedAt)
          this.upsert({ ...known, updatedAt: event.message.createdAt });
        if (event.message.direction !== 'agent' || event.kind !== 'support.message' || !isNew)
          return isNew
            ? { kind: 'message', conversationId: event.conversationId, message: event.message }
            : NONE;
        // A reply ends its author's typing.
        for (const [id, t] of this.typing) if (t.name === event.message.author.name) this.typing.delete(id);
        if (!open) this.unseen.add(event.conversationId);
        return { kind: 'reply', conversationId: event.conversationId, message: event.message, open };
      }
      case 'support.conversation': {
        const previousStatus = this.conversations.find((c) => c.id === event.conversation.id)?.status;
        this.upsert(event.conversation);
        return { kind: 'conversation', conversation: event.conversation, previousStatus };
      }
      default:
        return NONE;
    }
  }

  /** An agent's typing frame; returns whether someone started typing (to announce it). Typing
   * about another conversation than the open one is not shown. */
  agentTyping(
    user: { id: string; name: string; stopped?: boolean; about?: string },
    now = Date.now(),
  ): boolean {
    if (!user.id.startsWith('agent:')) return false;
    if (user.about !== undefined && user.about !== this.openId) {
      this.typing.delete(user.id);
      return false;
    }
    if (user.stopped) {
      this.typing.delete(user.id);
      return false;
    }
    const started = !this.typing.has(user.id);
    this.typing.set(user.id, { name: user.name, until: now + AGENT_TYPING_SHOWN_MS });
    return started;
  }

  /** Forgets typing that expired; returns when the next one expires (ms), if any. */
  expireTyping(now = Date.now()): number | undefined {
    for (const [id, t] of this.typing) if (t.until <= now) this.typing.delete(id);
    const next = Math.min(...[...this.typing.values()].map((t) => t.until));
    return Number.isFinite(next) ? next : undefined;
  }

  /** Names of the agents typing now. */
  typingNames(): string[] {
    return [...new Set([...this.typing.values()].map((t) => t.name))];
  }

  /** Adds or replaces a message of the open conversation; true when it was not there. */
  private addMessage(message: SupportMessageView): boolean {
    const i = this.messages.findIndex((m) => m.id === message.id);
    if (i >= 0) {
      this.messages = this.messages.map((m, j) => (j === i ? message : m));
      return false;
    }
    this.messages = [...this.messages, message].sort(byTime);
    return true;
  }
}

const NONE: SupportChange = { kind: 'none' };
