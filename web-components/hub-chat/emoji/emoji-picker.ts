// <hub-emoji-picker>: <hub-chat>'s emoji picker, a lazy chunk with its data (emoji-data.ts),
// imported the first time a member opens it (parts/composer.ts), so none of it is in the chat's
// first download. Search by name, the groups of Unicode, a skin tone kept per member on this
// browser. Keyboard: the search box has focus first; ArrowDown goes to the emoji, where the
// arrows, Home and End move, Enter or Space picks; Enter in the search picks the first match;
// Escape closes. Emoji are text in the system's emoji font, never images.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { baseStyles } from '../../shared/theme.js';
import { EMOJI_GROUPS } from './emoji-data.js';
import {
  GROUP_KEYS,
  SKIN_TONES,
  readGroups,
  searchEmoji,
  storeTone,
  storedTone,
  toneOf,
  withTone,
  type Emoji,
  type GroupKey,
} from './emoji-search.js';
import { pickerStrings } from './emoji-strings.js';

const GROUPS = readGroups(EMOJI_GROUPS);
/** The grid's columns (its CSS says 8 too): ArrowUp and ArrowDown move by a row of them. */
const COLUMNS = 8;
const GROUP_ICONS: Record<GroupKey, string> = {
  smileys: '😀',
  people: '👋',
  nature: '🐻',
  food: '🍔',
  travel: '🚗',
  activities: '⚽',
  objects: '💡',
  symbols: '🔣',
  flags: '🏁',
};
const HAND = '✋';

/**
 * @event emoji-pick - The member picked an emoji: `{emoji}`, in their skin tone (not composed).
 * @event emoji-close - The member pressed Escape (not composed).
 */
export class HubEmojiPicker extends LitElement {
  static override properties = {
    locale: { type: String },
    user: { type: String },
    query: { state: true },
    group: { state: true },
    active: { state: true },
    tone: { state: true },
    toneOpen: { state: true },
  };

  /** The chat's locale: the picker's words (emoji names are Unicode's English ones). */
  declare locale: string;
  /** The member's id: their skin tone is kept under it. */
  declare user: string;
  declare query: string;
  declare group: GroupKey;
  declare active: number;
  declare tone: number;
  declare toneOpen: boolean;

  constructor() {
    super();
    this.locale = 'en';
    this.user = '';
    this.query = '';
    this.group = 'smileys';
    this.active = 0;
    this.tone = 0;
    this.toneOpen = false;
  }

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .picker {
        display: grid;
        gap: 0.35rem;
        padding: 0.5rem;
        width: max-content;
        background: var(--hub-bg);
        color: var(--hub-text);
        border: 1px solid var(--hub-border);
        border-radius: var(--hub-radius);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
      }
      .top,
      .groups,
      .tones {
        display: flex;
        gap: 0.25rem;
      }
      input {
        flex: 1;
        min-width: 0;
      }
      .groups {
        justify-content: space-between;
        gap: 0;
      }
      .groups button,
      .tones button,
      .tone {
        padding: 0.15rem 0.25rem;
        font-size: 1.05rem;
        line-height: 1.2;
      }
      .groups button {
        border-color: transparent;
        background: none;
      }
      .groups button[aria-pressed='true'],
      .tones button[aria-pressed='true'] {
        background: var(--hub-surface-2);
        border-color: var(--hub-accent);
      }
      [role='listbox'] {
        display: grid;
        grid-template-columns: repeat(8, 2.25rem);
        height: 13.5rem;
        overflow-y: auto;
        scrollbar-gutter: stable;
        align-content: start;
        border-radius: 4px;
      }
      [role='option'] {
        font-size: 1.4rem;
        line-height: 2.25rem;
        height: 2.25rem;
        text-align: center;
        border-radius: 4px;
        cursor: pointer;
      }
      [role='option']:hover,
      [role='option'][aria-selected='true'] {
        background: var(--hub-surface-2);
      }
      [role='listbox']:focus-visible [aria-selected='true'] {
        outline: 2px solid var(--hub-focus);
        outline-offset: -2px;
      }
      .preview,
      .empty {
        margin: 0;
        min-height: 1.4em;
        font-size: 0.85em;
        color: var(--hub-muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ];

  /** The emoji listed: the search's matches, or the open group's. */
  private get listed(): Emoji[] {
    if (this.query.trim()) return searchEmoji(GROUPS, this.query);
    return GROUPS.find((g) => g.key === this.group)?.emoji ?? [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('user')) this.tone = storedTone(this.user);
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('active'))
      this.renderRoot.querySelector(`#emoji-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const s = pickerStrings(this.locale);
    const listed = this.listed;
    const searching = this.query.trim() !== '';
    const current = listed[this.active];
    return html`<div
      class="picker"
      part="emoji-picker"
      role="dialog"
      aria-label=${s.dialog}
      @keydown=${this.escape}
    >
      <div class="top">
        <input
          type="search"
          part="emoji-search"
          aria-label=${s.search}
          placeholder=${s.search}
          aria-controls="emoji-list"
          .value=${this.query}
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            this.active = 0;
          }}
          @keydown=${this.searchKeys}
        />
        <button
          type="button"
          class="tone"
          part="emoji-tone"
          aria-label="${s.tone}: ${s.tones[this.tone] ?? ''}"
          aria-expanded=${this.toneOpen ? 'true' : 'false'}
          @click=${() => (this.toneOpen = !this.toneOpen)}
        >
          ${toneOf(HAND, SKIN_TONES[this.tone] ?? '')}
        </button>
      </div>
      ${
        this.toneOpen
          ? html`<div class="tones" role="group" aria-label=${s.tone}>
              ${SKIN_TONES.map(
                (t, i) =>
                  html`<button
                    type="button"
                    aria-label=${s.tones[i] ?? ''}
                    aria-pressed=${i === this.tone ? 'true' : 'false'}
                    @click=${() => this.setTone(i)}
                  >
                    ${toneOf(HAND, t)}
                  </button>`,
              )}
            </div>`
          : nothing
      }
      <div class="groups" role="group" aria-label=${s.dialog}>
        ${GROUP_KEYS.map(
          (key) =>
            html`<button
              type="button"
              aria-label=${s.groups[key]}
              title=${s.groups[key]}
              aria-pressed=${!searching && key === this.group ? 'true' : 'false'}
              @click=${() => this.openGroup(key)}
            >
              ${GROUP_ICONS[key]}
            </button>`,
        )}
      </div>
      <div
        role="listbox"
        id="emoji-list"
        part="emoji-list"
        tabindex="0"
        aria-label=${searching ? s.results(listed.length) : s.groups[this.group]}
        aria-activedescendant=${current ? `emoji-${this.active}` : nothing}
        @keydown=${this.listKeys}
      >
        ${listed.map(
          (e, i) =>
            html`<div
              role="option"
              id="emoji-${i}"
              aria-label=${e.name}
              aria-selected=${i === this.active ? 'true' : 'false'}
              @click=${() => this.pick(e)}
            >
              ${withTone(e, this.tone)}
            </div>`,
        )}
      </div>
      <p class="preview" aria-hidden="true">
        ${current ? `${withTone(current, this.tone)} ${current.name}` : searching ? s.noResults : ''}
      </p>
      <p class="visually-hidden" role="status">
        ${searching ? (listed.length ? s.results(listed.length) : s.noResults) : ''}
      </p>
    </div>`;
  }

  private openGroup(key: GroupKey): void {
    this.query = '';
    this.group = key;
    this.active = 0;
    const list = this.renderRoot.querySelector<HTMLElement>('[role="listbox"]');
    if (list) list.scrollTop = 0;
  }

  private setTone(tone: number): void {
    this.tone = tone;
    this.toneOpen = false;
    storeTone(this.user, tone);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.tone')?.focus());
  }

  private pick(e: Emoji): void {
    this.dispatchEvent(new CustomEvent('emoji-pick', { detail: { emoji: withTone(e, this.tone) } }));
  }

  private readonly escape = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    if (this.toneOpen) {
      this.toneOpen = false;
      return;
    }
    this.dispatchEvent(new CustomEvent('emoji-close'));
  };

  private readonly searchKeys = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      this.renderRoot.querySelector<HTMLElement>('[role="listbox"]')?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = this.listed[this.active];
      if (first) this.pick(first);
    }
  };

  private readonly listKeys = (e: KeyboardEvent): void => {
    const count = this.listed.length;
    const moves: Record<string, number> = {
      ArrowRight: this.active + 1,
      ArrowLeft: this.active - 1,
      ArrowDown: this.active + COLUMNS,
      ArrowUp: this.active - COLUMNS,
      Home: 0,
      End: count - 1,
    };
    const next = moves[e.key];
    if (next !== undefined) {
      e.preventDefault();
      // Up from the first row goes back to the search box.
      if (e.key === 'ArrowUp' && next < 0) this.renderRoot.querySelector('input')?.focus();
      else this.active = Math.max(0, Math.min(count - 1, next));
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const chosen = this.listed[this.active];
      if (chosen) this.pick(chosen);
    }
  };
}

if (!customElements.get('hub-emoji-picker')) customElements.define('hub-emoji-picker', HubEmojiPicker);

declare global {
  interface HTMLElementTagNameMap {
    'hub-emoji-picker': HubEmojiPicker;
  }
}
