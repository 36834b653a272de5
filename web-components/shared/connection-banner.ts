// The connection banner every widget shows while it is not connected: what is happening, how
// many sends wait, and "Retry now" when the client stopped trying.
import { html, nothing, type TemplateResult } from 'lit';
import type { ClientState } from '../../realtime/client/index.js';
import type { I18n } from './i18n/i18n.js';

/** The connection as it is: nothing while connected, otherwise what is happening and what waits. */
export function renderConnection(
  state: ClientState,
  pending: number,
  i18n: I18n,
  reconnect: () => void,
): TemplateResult | typeof nothing {
  if (state === 'connected') return nothing;
  const text =
    state === 'connecting'
      ? i18n.t('conn.connecting')
      : state === 'reconnecting'
        ? i18n.t('conn.reconnecting')
        : state === 'closed'
          ? i18n.t('conn.closed')
          : i18n.t('conn.offline');
  return html`<div part="connection" class="banner connection ${state}" role="status" data-state=${state}>
    <span class="dot" aria-hidden="true"></span>
    <span>${text}</span>
    ${pending > 0 ? html`<span class="queued">${i18n.t('conn.queued', { count: pending })}</span>` : nothing}
    ${
      state === 'offline'
        ? html`<button type="button" @click=${reconnect}>${i18n.t('conn.retryNow')}</button>`
        : nothing
    }
  </div>`;
}
