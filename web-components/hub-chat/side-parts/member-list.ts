// <hub-chat>'s member list: who is present in the open channel, with avatars and presence dots.
// In the side-parts chunk (../side-parts-loader.ts): loaded the first time the list is opened.
import { html, type TemplateResult } from 'lit';
import type { ChannelController } from '../../shared/channel-controller.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { icons } from '../../shared/icons.js';
import type { renderAvatar } from '../../shared/avatar.js';

const STATUS_KEY = { online: 'chat.online', idle: 'chat.idle', dnd: 'chat.dnd' } as const;

/**
 * The member list; `close` hides it (the only way back when it covers the channel). `avatar` is
 * ../../shared/avatar.ts's, handed over by the chat (so this chunk does not split it out of the
 * main bundle).
 */
export function renderMembers(
  channel: ChannelController,
  i18n: I18n,
  close: () => void,
  avatar: typeof renderAvatar,
): TemplateResult {
  const people = [...channel.presence.values()].sort((a, b) => a.name.localeCompare(b.name));
  return html`<aside part="members" class="members" id="members" aria-labelledby="members-title">
    <div class="members-header">
      <h3 id="members-title">${i18n.t('chat.members')}</h3>
      <button type="button" aria-label=${i18n.t('chat.hideMembers')} @click=${close}>${icons.close}</button>
    </div>
    <ul>
      ${people.map((p) => {
        const key = STATUS_KEY[p.status as keyof typeof STATUS_KEY] ?? 'chat.online';
        return html`<li>
          ${avatar(p.id, p.name)}
          <span class="presence ${p.status}" role="img" aria-label=${i18n.t(key)}></span>
          <span>${p.name}</span>
        </li>`;
      })}
    </ul>
  </aside>`;
}
