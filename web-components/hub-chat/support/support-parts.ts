// The parts of <hub-chat>'s support view, exported by <hub-chat> (`hub-chat::part(support-message)`),
// and the main section that holds the view (which loads on first use).
import { html, type nothing, type TemplateResult } from 'lit';
import type { HubClient } from '../../../realtime/client/index.js';
import type { HubApi } from '../../shared/api.js';
import type { I18n } from '../../shared/i18n/i18n.js';
// In the main bundle already: handed to the view, so its chunk does not split it out.
import { describeFailure } from '../send-failure.js';

export const SUPPORT_PARTS = [
  'support-header',
  'support-status',
  'support-list',
  'support-item',
  'support-start',
  'support-messages',
  'support-message',
  'support-member',
  'support-agent',
  'support-typing',
  'support-composer',
  'support-input',
  'support-send',
  'support-resolved',
  'drop-zone',
  'upload-chip',
  'upload-progress',
  'upload-error',
  'upload-waiting',
  'attachment-image',
  'attachment-file',
  'lightbox',
  'lightbox-image',
].join(', ');

export interface SupportMainContext {
  loaded: boolean;
  client: HubClient | undefined;
  api: HubApi | undefined;
  me: { id: string; name: string } | undefined;
  i18n: I18n;
  communityId: string | undefined;
  /** The connection banner, as the chat shows it. */
  connection: TemplateResult | typeof nothing;
}

/** The main section while the support view is open: the view, or a status until it has loaded. */
export function renderSupportMain(c: SupportMainContext): TemplateResult {
  return html`<section class="main" aria-label=${c.i18n.t('support.title')}>
    ${c.connection}
    ${
      c.loaded
        ? html`<hub-chat-support
            exportparts=${SUPPORT_PARTS}
            .client=${c.client}
            .api=${c.api}
            .me=${c.me}
            .i18n=${c.i18n}
            .communityId=${c.communityId}
            .fallback=${describeFailure}
          ></hub-chat-support>`
        : html`<p class="beginning" role="status">${c.i18n.t('support.loading')}</p>`
    }
  </section>`;
}
