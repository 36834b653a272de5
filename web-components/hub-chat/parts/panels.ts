// The smaller parts of <hub-chat>: the typing indicator, a passing notice, the members toggle, and
// the loading state of a side panel (the thread panel and the member list are in the side-parts
// chunk, ../side-parts/).
import { html, nothing, type TemplateResult } from 'lit';
import type { ChannelController } from '../../shared/channel-controller.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { icons } from '../../shared/icons.js';

export function renderTyping(channel: ChannelController, i18n: I18n): TemplateResult {
  const names = [...channel.typing.values()].map((t) => t.name);
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? i18n.t('chat.typing.one', { a: names[0] ?? '' })
        : names.length === 2
          ? i18n.t('chat.typing.two', { a: names[0] ?? '', b: names[1] ?? '' })
          : i18n.t('chat.typing.many');
  return html`<div part="typing" class="typing">${text}</div>`;
}

/** A passing notice above the messages (an outcome), with a button that dismisses it. */
export function renderInfo(info: string, i18n: I18n, dismiss: () => void): TemplateResult | typeof nothing {
  if (!info) return nothing;
  return html`<p class="banner info" role="status">
    ${info}
    <button type="button" @click=${dismiss} aria-label=${i18n.t('chat.cancel')}>${icons.close}</button>
  </p>`;
}

/** The header's button that shows or hides the member list, with how many are present (a large
 * channel's count when the hub sends counts instead of joins and leaves). */
export function renderMembersToggle(
  channel: ChannelController,
  open: boolean,
  i18n: I18n,
  toggle: () => void,
): TemplateResult {
  return html`<button
    type="button"
    class="members-toggle"
    aria-expanded=${open ? 'true' : 'false'}
    aria-controls="members"
    @click=${toggle}
  >
    ${icons.people} ${i18n.t('chat.membersCount', { count: channel.presenceCount ?? channel.presence.size })}
  </button>`;
}

/** Where a side panel (`thread` or `members`) goes while its chunk loads (../side-parts-loader.ts). */
export function renderLoadingPanel(kind: 'thread' | 'members', label: string, i18n: I18n): TemplateResult {
  return html`<aside class=${kind} id=${kind} aria-label=${label} aria-busy="true">
    <p class="beginning">${i18n.t('chat.loading')}</p>
  </aside>`;
}
