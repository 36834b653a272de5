// <hub-chat>'s member list: who is present in the open channel, by name, each with their avatar
// (the picture of their membership, GET …/member-profiles: the one they joined with or the one
// the marketplace set, over their initials) and a presence dot. Pictures are asked for once per
// member and community (per page), up to 100 at a time; until they come, or if they cannot,
// initials. In the side-parts chunk (../side-parts-loader.ts): loaded the first time the list
// is opened.
import { html, type TemplateResult } from 'lit';
import type { HubApi } from '../../shared/api.js';
import type { renderAvatar } from '../../shared/avatar.js';
import type { ChannelController } from '../../shared/channel-controller.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { icons } from '../../shared/icons.js';

/** What the member list needs of <hub-chat>. */
export interface MembersHost {
  main: ChannelController;
  api: HubApi | undefined;
  communityInfo: { id: string } | undefined;
  requestUpdate(): void;
}

const STATUS_KEY = { online: 'chat.online', idle: 'chat.idle', dnd: 'chat.dnd' } as const;
/** The route's limit of user ids per request. */
const BATCH = 100;

/** Pictures by `communityId userId`: a URL, null (none), or undefined while asked for. */
const pictures = new Map<string, string | null | undefined>();

/** Asks for the pictures of the people not asked for yet; the list updates when they come. */
function fetchPictures(host: MembersHost, communityId: string, userIds: string[]): void {
  const missing = userIds.filter((id) => !pictures.has(`${communityId} ${id}`));
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    for (const id of batch) pictures.set(`${communityId} ${id}`, undefined);
    host.api
      ?.request<{ items: { userId: string; picture: string | null }[] }>(
        'GET',
        `/communities/${communityId}/member-profiles?userIds=${batch.map(encodeURIComponent).join(',')}`,
      )
      .then(
        ({ items }) => {
          for (const id of batch) pictures.set(`${communityId} ${id}`, null);
          for (const p of items) pictures.set(`${communityId} ${p.userId}`, p.picture);
          host.requestUpdate();
        },
        // Initials stay (asking again on every render would flood the hub).
        () => batch.forEach((id) => pictures.set(`${communityId} ${id}`, null)),
      );
  }
}

/**
 * The member list; `close` hides it (the only way back when it covers the channel). `avatar` is
 * ../../shared/avatar.ts's, handed over by the chat (so this chunk does not split it out of the
 * main bundle).
 */
export function renderMembers(
  host: MembersHost,
  i18n: I18n,
  close: () => void,
  avatar: typeof renderAvatar,
): TemplateResult {
  const people = [...host.main.presence.values()].sort((a, b) => a.name.localeCompare(b.name));
  const communityId = host.communityInfo?.id ?? '';
  if (communityId && host.api)
    fetchPictures(
      host,
      communityId,
      people.map((p) => p.id),
    );
  return html`<aside part="members" class="members" id="members" aria-labelledby="members-title">
    <div class="members-header">
      <h3 id="members-title">${i18n.t('chat.members')}</h3>
      <button type="button" aria-label=${i18n.t('chat.hideMembers')} @click=${close}>${icons.close}</button>
    </div>
    <ul>
      ${people.map((p) => {
        const key = STATUS_KEY[p.status as keyof typeof STATUS_KEY] ?? 'chat.online';
        return html`<li>
          ${avatar(p.id, p.name, pictures.get(`${communityId} ${p.id}`) ?? undefined)}
          <span class="presence ${p.status}" role="img" aria-label=${i18n.t(key)}></span>
          <span>${p.name}</span>
        </li>`;
      })}
    </ul>
  </aside>`;
}
