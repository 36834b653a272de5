// The reviewed message's files in <hub-mod-queue>'s case view: images as their thumbnail, other
// files as a card (name, size), each a link to the file through the moderator's own signed link
// (which the hub checks against their view of the channel); a file a report is about is marked.
import { html, nothing, type TemplateResult } from 'lit';
import type { ApiLinkedAttachment } from '../shared/api.js';
import type { I18n } from '../shared/i18n/i18n.js';

export function renderCaseFiles(
  files: readonly ApiLinkedAttachment[],
  endpoint: string,
  reported: ReadonlySet<string>,
  i18n: I18n,
): TemplateResult | typeof nothing {
  if (files.length === 0) return nothing;
  return html`<ul class="files" part="files">
    ${files.map(
      (f) =>
        html`<li class=${reported.has(f.id) ? 'reported' : ''}>
          <a href=${endpoint + f.url} target="_blank" rel="noopener noreferrer">
            ${f.thumbnailUrl ? html`<img src=${endpoint + f.thumbnailUrl} alt="" loading="lazy" />` : nothing}
            <span>${f.name}</span> <small>${i18n.number(Math.ceil(f.size / 1024))} KB</small>
          </a>
          ${reported.has(f.id) ? html`<mark>${i18n.t('mod.flags')}</mark>` : nothing}
        </li>`,
    )}
  </ul>`;
}
