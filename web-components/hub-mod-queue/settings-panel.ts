// The AutoMod settings panel of <hub-mod-queue>: a level from 0 (off) to 4 (strictest) per
// category, saved by administrators (PUT …/moderation/levels), and a "test a message" preview
// that asks the hub what AutoMod would decide with the levels on screen, saved or not (POST
// …/moderation/automod/check with the configuration; nothing is stored or counted).
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { HubApi } from '../shared/api.js';
import type { I18n } from '../shared/i18n/i18n.js';

export const LEVEL_CATEGORIES = ['identity', 'sexual', 'aggression', 'profanity', 'spam'] as const;
export type LevelCategory = (typeof LEVEL_CATEGORIES)[number];
const MAX_LEVEL = 4;

interface StoredAutoMod {
  rules: unknown[];
  levels: Record<LevelCategory, number>;
  levelActions: unknown[];
}

interface Preview {
  verdict: 'allow' | 'hide' | 'block';
  reasons: { rule: string; kind: string; detail: string }[];
}

/** The panel's state and its calls to the hub; the component renders it with `render()`. */
export class SettingsPanel {
  open = false;
  private stored: StoredAutoMod | undefined;
  private levels: Record<LevelCategory, number> = {
    identity: 0,
    sexual: 0,
    aggression: 0,
    profanity: 0,
    spam: 0,
  };
  private sample = '';
  private preview: Preview | undefined;
  private status = '';
  private error = '';
  private busy = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: () => { api: HubApi | undefined; communityId: string; i18n: I18n },
  ) {}

  async toggle(): Promise<void> {
    this.open = !this.open;
    this.host.requestUpdate();
    if (this.open) await this.load();
  }

  /** The community is known now: a panel opened before (it waited, "loading") loads its settings. */
  communityKnown(): void {
    if (this.open && !this.stored) void this.load();
  }

  private async load(): Promise<void> {
    const { api, communityId } = this.context();
    if (!api || !communityId) return;
    await this.run(async () => {
      const settings = await api.request<{ automod: StoredAutoMod }>(
        'GET',
        `/communities/${communityId}/moderation/settings`,
      );
      this.stored = settings.automod;
      this.levels = { ...settings.automod.levels };
    });
  }

  private async save(): Promise<void> {
    const { api, communityId, i18n } = this.context();
    if (!api) return;
    await this.run(async () => {
      const settings = await api.request<{ automod: StoredAutoMod }>(
        'PUT',
        `/communities/${communityId}/moderation/levels`,
        { levels: this.levels },
      );
      this.stored = settings.automod;
      this.status = i18n.t('mod.levelsSaved');
    });
  }

  private async test(): Promise<void> {
    const { api, communityId } = this.context();
    if (!api || !this.stored || !this.sample.trim()) return;
    const config = { ...this.stored, levels: this.levels };
    await this.run(async () => {
      this.preview = await api.request<Preview>(
        'POST',
        `/communities/${communityId}/moderation/automod/check`,
        {
          body: this.sample,
          config,
        },
      );
    });
  }

  private async run(step: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.status = '';
    this.host.requestUpdate();
    try {
      await step();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  render(): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const { i18n } = this.context();
    // Nothing to edit before the stored settings arrive: levels set earlier would be overwritten
    // by them, and a test would have no configuration to run against.
    if (this.stored === undefined)
      return html`<section class="settings" part="settings" aria-labelledby="settings-title">
        <h3 id="settings-title">${i18n.t('mod.settings')}</h3>
        ${
          this.error
            ? html`<p class="error" role="alert">${this.error}</p>`
            : html`<p class="muted" role="status">${i18n.t('mod.settingsLoading')}</p>`
        }
      </section>`;
    const unsaved = LEVEL_CATEGORIES.some((c) => this.stored?.levels[c] !== this.levels[c]);
    return html`<section class="settings" part="settings" aria-labelledby="settings-title">
      <h3 id="settings-title">${i18n.t('mod.settings')}</h3>
      <p class="muted">${i18n.t('mod.levelsHelp')}</p>
      <div class="levels">
        ${LEVEL_CATEGORIES.map(
          (c) =>
            html`<label class="level">
              <span>${i18n.t(`mod.category.${c}`)}</span>
              <input
                type="range"
                min="0"
                max=${MAX_LEVEL}
                step="1"
                name=${c}
                .value=${String(this.levels[c])}
                aria-valuetext=${i18n.t(`mod.level.${this.levels[c]}` as 'mod.level.0')}
                @input=${(e: Event) => {
                  this.levels = { ...this.levels, [c]: Number((e.target as HTMLInputElement).value) };
                  this.host.requestUpdate();
                }}
              />
              <output>${this.levels[c]} · ${i18n.t(`mod.level.${this.levels[c]}` as 'mod.level.0')}</output>
            </label>`,
        )}
      </div>
      <button
        type="button"
        class="save-levels"
        ?disabled=${this.busy || !unsaved}
        @click=${() => void this.save()}
      >
        ${i18n.t('mod.saveLevels')}
      </button>
      <form
        class="try"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.test();
        }}
      >
        <label
          >${i18n.t('mod.testMessage')}
          <textarea
            name="sample"
            maxlength="4000"
            .value=${this.sample}
            @input=${(e: Event) => (this.sample = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </label>
        <button type="submit" ?disabled=${this.busy}>${i18n.t('mod.test')}</button>
      </form>
      ${
        this.preview
          ? html`<div class="preview" part="preview" role="status">
              <strong class="verdict ${this.preview.verdict}"
                >${i18n.t(`mod.verdict.${this.preview.verdict}`)}</strong
              >
              <ul>
                ${this.preview.reasons.map((r) => html`<li>${r.detail}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      ${this.status ? html`<p role="status">${this.status}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }
}
