// A Lit ReactiveController for the member's support view: follows the member's own topic
// `user:<id>` (support events and agents' typing; the subscription is shared with the unread
// controller, which owns it for the client's life, so this one only stops listening), loads
// the member's conversations and the open one over REST, and writes, starts and reopens.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HubClient, Publication, Subscription } from '../../../realtime/client/index.js';
import type { SupportEvent } from '../../../protocol/index.js';
import type { HubApi } from '../../shared/api.js';
import { MemberSupportApi, type StartSupport } from '../../shared/member-support-api.js';
import { SupportState, type SupportChange } from './support-state.js';

export interface SupportSource {
  client: HubClient;
  api: HubApi;
  me: { id: string; name: string };
}

const SUPPORT_KINDS = new Set(['support.message', 'support.message_updated', 'support.conversation']);

export class SupportController implements ReactiveController {
  readonly state = new SupportState();
  /** The first list is on its way. */
  loading = true;
  /** An API error code that stops the view (`not_found`: the hub has no support inbox). */
  failure: string | undefined;
  private support: MemberSupportApi | undefined;
  private source: SupportSource | undefined;
  private stops: (() => void)[] = [];
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (change: SupportChange) => void,
    private readonly onTypingStarted: (name: string) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.detach();
  }

  /** Follows a member's connection; a no-op when it is the one followed already. */
  follow(source: SupportSource | undefined): void {
    if (source?.client === this.source?.client && source?.me.id === this.source?.me.id) return;
    this.detach();
    this.source = source;
    if (!source) return;
    this.support = new MemberSupportApi(source.api);
    const sub = source.client.subscribe(`user:${source.me.id}`);
    this.stops.push(
      sub.on('subscribed', (event) => {
        // Events may have been missed: read the state again.
        if (!event.recovered) void this.refresh();
      }),
      sub.on('publication', (pub) => this.publication(pub)),
      sub.on('typing', (user) => {
        if (this.state.agentTyping(user)) this.onTypingStarted(user.name);
        this.scheduleTypingExpiry();
        this.host.requestUpdate();
      }),
    );
    void this.refresh(sub);
  }

  /** Reloads the member's conversations and the open one. */
  async refresh(sub?: Subscription): Promise<void> {
    const support = this.support;
    if (!support || (sub && sub.state === 'unsubscribed')) return;
    try {
      const items = await support.mine();
      if (support !== this.support) return;
      this.state.setConversations(items);
      this.failure = undefined;
      const wanted = this.state.openId ?? (items.length === 1 ? items[0]?.id : undefined);
      if (wanted) await this.open(wanted);
    } catch (err) {
      this.failure = (err as { code?: string }).code ?? 'internal';
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  async open(id: string): Promise<void> {
    const support = this.support;
    if (!support) return;
    const { conversation, messages } = await support.conversation(id);
    if (support !== this.support) return;
    this.state.show(conversation, messages);
    this.host.requestUpdate();
  }

  close(): void {
    this.state.close();
    this.host.requestUpdate();
  }

  /** Writes in the open conversation, with the ids of files uploaded to it; rejects with the
   * API's error (the text stays with the caller). */
  async write(content: string, attachments: string[] = []): Promise<string> {
    const id = this.state.openId;
    if (!this.support || !id) throw new Error('hub-chat: no support conversation is open');
    const message = await this.support.write(id, content, attachments);
    this.state.added(id, message);
    this.host.requestUpdate();
    return message.id;
  }

  async start(input: StartSupport): Promise<string> {
    if (!this.support) throw new Error('hub-chat: not connected to a hub');
    const { conversation, message } = await this.support.start(input);
    this.state.show(conversation, [message]);
    this.host.requestUpdate();
    return conversation.id;
  }

  async reopen(): Promise<void> {
    const id = this.state.openId;
    if (!this.support || !id) return;
    this.state.upsert(await this.support.reopen(id));
    this.host.requestUpdate();
  }

  private publication(pub: Publication): void {
    const data = pub.data as { kind?: unknown } | null;
    if (typeof data?.kind !== 'string' || !SUPPORT_KINDS.has(data.kind)) return;
    const change = this.state.apply(pub.data as unknown as SupportEvent);
    if (change.kind === 'reply') this.scheduleTypingExpiry();
    if (change.kind !== 'none') this.onChange(change);
    this.host.requestUpdate();
  }

  private scheduleTypingExpiry(): void {
    clearTimeout(this.typingTimer);
    const next = this.state.expireTyping();
    if (next === undefined) return;
    this.typingTimer = setTimeout(
      () => {
        this.scheduleTypingExpiry();
        this.host.requestUpdate();
      },
      Math.max(50, next - Date.now()),
    );
  }

  private detach(): void {
    for (const stop of this.stops.splice(0)) stop();
    clearTimeout(this.typingTimer);
    this.state.typing.clear();
    this.support = undefined;
    this.source = undefined;
  }
}
