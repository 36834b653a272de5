// The audience of <hub-live-session>: how many are listening and who, and the raised-hand queue
// in order, where hosts invite a member on stage, lower a hand or every hand, or remove someone.
import { html, nothing, type TemplateResult } from 'lit';
import { onStage } from './stage-view.js';
import type { LiveView } from './view-context.js';

function renderHands(view: LiveView): TemplateResult {
  const { i18n, api } = view;
  const hands = view.snapshot.stage.hands;
  return html`<div class="hands" part="hands">
    <h4 id="hands-title">${i18n.t('live.hands', { count: hands.length })}</h4>
    ${
      hands.length
        ? html`<ol aria-labelledby="hands-title">
            ${hands.map((h) => {
              const name = view.nameOf(h.userId);
              return html`<li part="hand">
                <span>${name}${h.userId === view.me ? ` (${i18n.t('live.you')})` : ''}</span>
                ${
                  view.host
                    ? html`<span class="row-actions">
                        <button
                          type="button"
                          class="primary"
                          aria-label=${i18n.t('live.inviteName', { name })}
                          @click=${() =>
                            void view.act(
                              async () => {
                                await api.invite(h.userId);
                                return { kind: 'stage', stage: await api.stage() };
                              },
                              i18n.t('live.invited', { name }),
                            )}
                        >
                          ${i18n.t('live.invite')}
                        </button>
                        <button
                          type="button"
                          aria-label=${i18n.t('live.lowerHandOf', { name })}
                          @click=${() =>
                            void view.act(async () => {
                              await api.lowerHand(h.userId);
                              return { kind: 'stage', stage: await api.stage() };
                            })}
                        >
                          ${i18n.t('live.lower')}
                        </button>
                      </span>`
                    : nothing
                }
              </li>`;
            })}
          </ol>`
        : html`<p class="muted">${i18n.t('live.noHands')}</p>`
    }
    ${
      view.host && hands.length > 1
        ? html`<button
            type="button"
            @click=${() =>
              void view.act(async () => {
                await api.lowerHand('*');
                return { kind: 'stage', stage: await api.stage() };
              }, i18n.t('live.handsLowered'))}
          >
            ${i18n.t('live.lowerAll')}
          </button>`
        : nothing
    }
  </div>`;
}

export function renderAudience(view: LiveView): TemplateResult {
  const { i18n, api } = view;
  const audience = view.tiles.filter((t) => !onStage(view, t));
  return html`<section class="panel audience" part="audience" aria-labelledby="audience-title">
    <h3 id="audience-title">
      ${i18n.t('live.audience')}
      <span class="count" part="audience-count" data-count=${audience.length}
        >${i18n.t('live.audienceCount', { count: audience.length })}</span
      >
    </h3>
    <p class="muted" part="participant-count" data-count=${view.participants}>
      ${i18n.t('live.inRoom', { count: view.participants })}
    </p>
    ${renderHands(view)}
    <ul class="people" aria-label=${i18n.t('live.audience')}>
      ${audience.map(
        (t) =>
          html`<li part="audience-member">
            <span>${t.name}${t.local ? ` (${i18n.t('live.you')})` : ''}</span>
            ${
              view.host && !t.local
                ? html`<span class="row-actions">
                    <button
                      type="button"
                      aria-label=${i18n.t('live.inviteName', { name: t.name })}
                      @click=${() =>
                        void view.act(
                          async () => {
                            await api.invite(t.identity);
                            return { kind: 'stage', stage: await api.stage() };
                          },
                          i18n.t('live.invited', { name: t.name }),
                        )}
                    >
                      ${i18n.t('live.invite')}
                    </button>
                    <button
                      type="button"
                      class="danger"
                      aria-label=${i18n.t('live.removeName', { name: t.name })}
                      @click=${() => {
                        if (!view.confirm(i18n.t('live.confirmRemove', { name: t.name }))) return;
                        void view.act(
                          () => api.remove(t.identity).then(() => undefined),
                          i18n.t('live.removed', { name: t.name }),
                        );
                      }}
                    >
                      ${i18n.t('live.remove')}
                    </button>
                  </span>`
                : nothing
            }
          </li>`,
      )}
    </ul>
  </section>`;
}
