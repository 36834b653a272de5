// <hub-chat-composer>: the multi-line message box of <hub-chat> (its channel and its thread
// panel). Enter sends, Shift+Enter breaks the line; typing "@" suggests people to mention
// (arrows + Enter/Tab pick, Escape closes; the box shows "@Name", the hub gets `<@id>`), the
// emoji button opens the emoji picker (../emoji/emoji-picker.ts, a chunk imported on first use)
// and inserts what is picked. Emits the
// internal `compose-send` and `compose-typing` events to its <hub-chat>. It guards the length
// (a counter near the protocol's limit, no send over it, the draft kept) and, while its
// <hub-chat> says sending cannot succeed (a timeout, slowmode), shows why and does not send.
// Files: the attach button, a paste of files or a drop (../drop-zone.ts) hands them to
// <hub-chat-uploads> (../attachments/uploads.ts, a chunk imported on first use), which uploads
// them at once; Send waits for uploads in progress, and a message may be files alone.
import { LitElement, html, nothing } from 'lit';
import { MAX_MESSAGE_BODY } from '../../../protocol/limits.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { icons } from '../../shared/icons.js';
import type { ApiAttachment, HubApi } from '../../shared/api.js';
import type { HubChatUploads } from '../attachments/uploads.js';
import { describeFailure } from '../send-failure.js';
import { composerStyles } from './composer.styles.js';

/** The quick reactions of a message (parts/message-list.ts). */
export const EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'] as const;

/** The counter shows from this share of the limit on. */
const COUNT_FROM = 0.9;

export interface Mentionable {
  id: string;
  name: string;
}

export class HubChatComposer extends LitElement {
  static override properties = {
    label: { type: String },
    disabled: { type: Boolean },
    notice: { type: String },
    blocked: { type: Boolean },
    replyingTo: { attribute: false },
    people: { attribute: false },
    user: { attribute: false },
    i18n: { attribute: false },
    text: { state: true },
    suggestions: { state: true },
    active: { state: true },
    emojiOpen: { state: true },
  };
  /** Where files are uploaded to (the channel's or the thread's id); unset means no attach button. */
  api: HubApi | undefined;
  channelId = '';

  declare label: string;
  declare disabled: boolean;
  /** Why sending cannot succeed for now (a timeout's countdown…); shown above the box. */
  declare notice: string;
  /** Sending cannot succeed for now: the member may write, the send button waits. */
  declare blocked: boolean;
  declare replyingTo: { id: string; name: string } | undefined;
  declare people: Mentionable[];
  /** The member's id: the emoji picker keeps their skin tone under it. */
  declare user: string | undefined;
  declare i18n: I18n;
  declare text: string;
  declare suggestions: Mentionable[];
  declare active: number;
  declare emojiOpen: boolean;

  /** People picked from the suggestions, by the "@Name" the box shows for them. */
  private picked = new Map<string, string>();

  constructor() {
    super();
    this.label = '';
    this.disabled = false;
    this.notice = '';
    this.blocked = false;
    this.people = [];
    this.text = '';
    this.suggestions = [];
    this.active = 0;
    this.emojiOpen = false;
  }

  /** The chips' element once its chunk has defined it: before (no file attached on this page
   * yet) it is an element without methods, and a send must not call them. */
  private get uploads(): HubChatUploads | null {
    if (!customElements.get('hub-chat-uploads')) return null;
    return this.renderRoot.querySelector('hub-chat-uploads');
  }

  /** Files may be attached here now (a drop is welcome). */
  get canAttach(): boolean {
    return !!this.api && !this.disabled;
  }

  /** Uploads files to the channel (the chunk loads the first time). */
  async addFiles(files: FileList | File[] | undefined | null): Promise<void> {
    const api = this.api;
    if (!files?.length || !api) return;
    const list = [...files];
    await import('../attachments/uploads.js');
    this.uploads?.add(list, api, this.channelId);
  }

  /** Puts back the files of a message to revise (the hub holds them: nothing is uploaded). */
  async restoreFiles(attachments: readonly ApiAttachment[]): Promise<void> {
    if (attachments.length === 0) return;
    await import('../attachments/uploads.js');
    await this.updateComplete;
    this.uploads?.restore(attachments);
  }

  // Only the base styles: the design tokens are inherited from the <hub-chat> host.
  static override styles = composerStyles;

  override focus(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  /** Puts text in the box (an edit, a retry); its `<@id>` mentions show as "@Name". */
  setText(text: string): void {
    this.text = text.replace(/<@([A-Za-z0-9_-]{1,64})>/g, (whole, id: string) => {
      const person = this.people.find((p) => p.id === id);
      if (!person) return whole;
      this.picked.set(`@${person.name}`, id);
      return `@${person.name}`;
    });
  }

  /** The text as the hub reads it: each picked "@Name" still in it becomes `<@id>`. */
  private encoded(text: string): string {
    let out = text;
    // Longest first, so "@Ann Lee" is not taken for "@Ann".
    for (const [shown, id] of [...this.picked].sort((a, b) => b[0].length - a[0].length))
      out = out.split(shown).join(`<@${id}>`);
    return out;
  }

  /** The length the hub counts: the trimmed text's UTF-16 units, mentions as `<@id>`. */
  private get length(): number {
    return this.encoded(this.text).trim().length;
  }

  private renderCount() {
    const used = this.length;
    const max = MAX_MESSAGE_BODY;
    if (used > max)
      return html`<p class="count over" part="composer-count" id="count" role="alert">
        ${this.i18n.t('composer.over', { over: used - max, max })}
      </p>`;
    if (used < max * COUNT_FROM) return nothing;
    return html`<p class="count" part="composer-count" id="count">
      <span aria-hidden="true">${this.i18n.number(used)} / ${this.i18n.number(max)}</span>
      <span class="visually-hidden">${this.i18n.t('composer.countLabel', { used, max })}</span>
    </p>`;
  }

  override render() {
    const listId = 'mention-list';
    const open = this.suggestions.length > 0;
    const over = this.length > MAX_MESSAGE_BODY;
    const counted = this.length >= MAX_MESSAGE_BODY * COUNT_FROM;
    const described = [this.notice ? 'notice' : '', counted ? 'count' : ''].filter(Boolean).join(' ');
    return html`<form part="composer" @submit=${this.submit}>
      ${
        this.notice && !this.disabled
          ? html`<p class="notice" part="composer-notice" id="notice" role="status">${this.notice}</p>`
          : nothing
      }
      ${
        this.replyingTo
          ? html`<div class="replying">
              <span>${this.i18n.t('chat.replyingTo', { name: this.replyingTo.name })}</span>
              <button type="button" @click=${() => this.dispatch('compose-cancel-reply')}>
                ${this.i18n.t('chat.cancel')}
              </button>
            </div>`
          : nothing
      }
      ${
        open
          ? html`<ul role="listbox" id=${listId} aria-label=${this.i18n.t('chat.mentionSuggestions')}>
              ${this.suggestions.map(
                (p, i) =>
                  html`<li
                    role="option"
                    id="mention-${i}"
                    aria-selected=${i === this.active ? 'true' : 'false'}
                    @mousedown=${(e: Event) => {
                      e.preventDefault();
                      this.pick(p);
                    }}
                  >
                    @${p.name}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        this.emojiOpen
          ? html`<hub-emoji-picker
              .locale=${this.i18n.locale}
              .user=${this.user ?? ''}
              @emoji-pick=${(e: CustomEvent<{ emoji: string }>) => this.insertEmoji(e.detail.emoji)}
              @emoji-close=${this.closeEmoji}
            ></hub-emoji-picker>`
          : nothing
      }
      <hub-chat-uploads .i18n=${this.i18n} .fallback=${describeFailure}></hub-chat-uploads>
      <div class="row">
        <textarea
          part="composer-input"
          rows="1"
          .value=${this.text}
          ?disabled=${this.disabled}
          aria-label=${this.label}
          placeholder=${this.label}
          aria-autocomplete="list"
          aria-invalid=${over ? 'true' : 'false'}
          aria-describedby=${described || nothing}
          aria-controls=${open ? listId : nothing}
          aria-activedescendant=${open ? `mention-${this.active}` : nothing}
          @input=${this.input}
          @keydown=${this.keydown}
          @paste=${(e: ClipboardEvent) => {
            if (!this.api || !e.clipboardData?.files.length) return;
            e.preventDefault();
            void this.addFiles(e.clipboardData.files);
          }}
        ></textarea>
        ${
          this.api
            ? html`<input
                  type="file"
                  multiple
                  hidden
                  @change=${(e: Event) => void this.addFiles((e.target as HTMLInputElement).files)}
                /><button
                  type="button"
                  class="attach"
                  aria-label=${this.i18n.t('attach.add')}
                  ?disabled=${this.disabled}
                  @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click()}
                >
                  <span aria-hidden="true">+</span>
                </button>`
            : nothing
        }
        <button
          type="button"
          class="emoji"
          aria-label=${this.i18n.t('chat.emoji')}
          aria-expanded=${this.emojiOpen ? 'true' : 'false'}
          ?disabled=${this.disabled}
          @click=${() => void import('../emoji/emoji-picker.js').then(() => (this.emojiOpen = !this.emojiOpen))}
        >
          ${icons.smile}
        </button>
        <button
          part="send-button"
          class="primary"
          type="submit"
          ?disabled=${this.disabled || this.blocked || over}
        >
          ${this.i18n.t('chat.send')}
        </button>
      </div>
      ${this.renderCount()}
    </form>`;
  }

  private input(e: Event): void {
    const area = e.target as HTMLTextAreaElement;
    this.text = area.value;
    this.dispatch('compose-typing');
    // Names have spaces: the query runs from the @ to the caret, up to 32 characters.
    const query = /(?:^|\s)@([^@<>\n]{0,32})$/u.exec(area.value.slice(0, area.selectionStart))?.[1];
    if (query === undefined) {
      this.suggestions = [];
      return;
    }
    const q = query.toLowerCase();
    this.suggestions = this.people
      .filter((p) => p.name.toLowerCase().includes(q) || p.id.toLowerCase().startsWith(q))
      .slice(0, 6);
    this.active = 0;
  }

  private keydown(e: KeyboardEvent): void {
    if (this.suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = this.suggestions.length;
        this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const person = this.suggestions[this.active];
        if (person) this.pick(person);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        this.suggestions = [];
        return;
      }
    }
    if (e.key === 'Escape' && this.emojiOpen) {
      this.closeEmoji();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit(e);
    }
  }

  /** Replaces the "@query" before the caret with the person's name; sent as `<@id>`. */
  private pick(person: Mentionable): void {
    const area = this.renderRoot.querySelector('textarea');
    const caret = area?.selectionStart ?? this.text.length;
    this.picked.set(`@${person.name}`, person.id);
    const before = this.text.slice(0, caret).replace(/@[^@<>\n]{0,32}$/u, `@${person.name} `);
    this.text = before + this.text.slice(caret);
    this.suggestions = [];
    void this.updateComplete.then(() => {
      area?.focus();
      area?.setSelectionRange(before.length, before.length);
    });
  }

  /** Closes the picker; focus goes back to its button. */
  private readonly closeEmoji = (): void => {
    this.emojiOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.emoji')?.focus());
  };

  private insertEmoji(emoji: string): void {
    const area = this.renderRoot.querySelector('textarea');
    const caret = area?.selectionStart ?? this.text.length;
    this.text = this.text.slice(0, caret) + emoji + this.text.slice(caret);
    this.emojiOpen = false;
    void this.updateComplete.then(() => {
      area?.focus();
      area?.setSelectionRange(caret + emoji.length, caret + emoji.length);
    });
  }

  private submit(e: Event): void {
    e.preventDefault();
    const body = this.text.trim();
    const uploads = this.uploads;
    if (uploads?.busy) {
      uploads.whenDone(() => this.submit(e));
      return;
    }
    const attachments = uploads?.attached ?? [];
    // Over the limit, or while sending cannot succeed, the draft stays as it is. (A refused
    // file's chip stays, with its reason; the message goes without it.)
    if (!body && !attachments.length) return;
    if (this.disabled || this.blocked || this.length > MAX_MESSAGE_BODY) return;
    this.dispatch('compose-send', { body: this.encoded(body), attachments });
    uploads?.clear();
    this.text = '';
    this.picked.clear();
    this.suggestions = [];
  }

  private dispatch(name: string, detail: unknown = {}): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: false, composed: false }));
  }
}

if (!customElements.get('hub-chat-composer')) customElements.define('hub-chat-composer', HubChatComposer);

declare global {
  interface HTMLElementTagNameMap {
    'hub-chat-composer': HubChatComposer;
  }
}
