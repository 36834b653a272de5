// The agent's writes in <hub-inbox>'s open conversation: a reply or a private note (the composer's
// text and files; uploads in progress are waited for), and its status, snooze, priority,
// assignment and labels. Each is said in the detail pane's notice and the live region, or shown
// as an error, and announced with its `hub-` event. Holds the pane's busy, notice and error state.
import type { ReactiveControllerHost } from 'lit';
import { emit } from '../shared/events.js';
import type { I18n } from '../shared/i18n/i18n.js';
import type {
  ApiSupportConversation,
  ApiSupportMessage,
  SupportApi,
  SupportStatus,
} from '../shared/support-api.js';
import type { ComposerController } from './composer-controller.js';

/** The open conversation with its messages. */
export interface OpenConversation {
  conversation: ApiSupportConversation;
  messages: ApiSupportMessage[];
}

export interface ConversationActionsContext {
  i18n: () => I18n;
  support: () => SupportApi | undefined;
  open: () => OpenConversation | undefined;
  composer: ComposerController;
  /** A conversation this agent changed: the list and the open one take it. */
  changed: (c: ApiSupportConversation) => void;
  /** Reads the open conversation again (its SLA due times after a reply). */
  reloadOpen: (id: string) => Promise<void>;
  announce: (text: string) => void;
  /** An API error in the agent's words. */
  describe: (err: unknown) => string;
}

/** Tells the page about an API error (`hub-error`). */
export function reportError(target: HTMLElement, err: unknown): void {
  const e = err as { code?: string; message?: string };
  emit(target, 'hub-error', { code: e.code ?? 'internal', message: e.message ?? String(err) });
}

export class ConversationActions {
  busy = false;
  /** What the last action did (a banner over the conversation). */
  notice = '';
  error = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly ctx: ConversationActionsContext,
  ) {}

  /** Another conversation opened: nothing said about it yet. */
  reset(): void {
    this.error = '';
    this.notice = '';
  }

  /** A mistake in a form of the pane (before any call). */
  invalid(message: string): void {
    this.error = message;
    this.host.requestUpdate();
  }

  async act(
    change: 'status' | 'assignment' | 'priority' | 'labels',
    call: (support: SupportApi, id: string) => Promise<ApiSupportConversation>,
    done: (c: ApiSupportConversation) => string,
  ): Promise<void> {
    const support = this.ctx.support();
    const id = this.ctx.open()?.conversation.id;
    if (!support || !id) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const c = await call(support, id);
      this.ctx.changed(c);
      this.notice = done(c);
      this.error = '';
      this.ctx.announce(this.notice);
      emit(this.host, 'hub-conversation-updated', { conversationId: id, change });
    } catch (err) {
      this.error = this.ctx.describe(err);
      reportError(this.host, err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  setStatus(status: SupportStatus, snoozeHours?: number): void {
    const i18n = this.ctx.i18n();
    const until = snoozeHours ? new Date(Date.now() + snoozeHours * 3_600_000) : undefined;
    void this.act(
      'status',
      (s, id) => s.setStatus(id, status, until),
      () =>
        until
          ? i18n.t('inbox.done.snooze', { time: i18n.stamp(until.getTime()) })
          : i18n.t('inbox.done.status', { status: i18n.t(`inbox.status.${status}`) }),
    );
  }

  /** Sends the composer's reply or note with its files. */
  async send(): Promise<void> {
    const composer = this.ctx.composer;
    const support = this.ctx.support();
    const id = this.ctx.open()?.conversation.id;
    // Uploads in progress: sent once they have finished.
    if (composer.files.deferred(() => void this.send())) return;
    const content = composer.text.trim();
    const attachments = composer.files.attached;
    if (!support || !id || (!content && !attachments.length)) return;
    const isPrivate = composer.mode === 'note';
    this.busy = true;
    this.host.requestUpdate();
    try {
      const message = await support.write(id, content, isPrivate, attachments);
      const open = this.ctx.open();
      if (open?.conversation.id === id && !open.messages.some((m) => m.id === message.id))
        open.messages = [...open.messages, { ...message, private: isPrivate }];
      composer.clear();
      this.error = '';
      this.notice = '';
      this.ctx.announce(this.ctx.i18n().t(isPrivate ? 'inbox.noted' : 'inbox.sent'));
      emit(this.host, 'hub-reply-sent', { conversationId: id, messageId: message.id, private: isPrivate });
      // The reply stops or restarts SLA clocks: fetch the conversation's new due times.
      void this.ctx.reloadOpen(id).then(() => this.host.requestUpdate());
    } catch (err) {
      this.error = this.ctx.describe(err);
      reportError(this.host, err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
      await this.host.updateComplete;
      composer.focus();
    }
  }
}
