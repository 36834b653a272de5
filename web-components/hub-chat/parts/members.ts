// <hub-chat>'s member list, a lazy chunk loaded the first time it opens (outside the chat's first
// download and budget): the people present in the channel, by name, each with their avatar, the
// picture of their membership (GET …/member-profiles: the one they joined with or the one the
// marketplace set) over their initials, and a presence dot. Pictures are asked for once per
// member and community (per page), up to 100 at a time; until they come, or if they cannot,
// initials.
// Its styles come with it, adopted into the chat's shadow root (the columns it takes stay in
// hub-chat.styles.ts, the layout's).
import { css, html, type TemplateResult } from 'lit';
import type { HubApi } from '../../shared/api.js';
import { renderAvatar } from '../../shared/avatar.js';
import type { ChannelController } from '../../shared/channel-controller.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { icons } from '../../shared/icons.js';

const styles = css`
  .members {
    padding: 0 0.5rem;
    overflow-y: auto;
  }
  .members-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .members-header button {
    border: none;
    background: transparent;
    color: var(--hub-muted);
    padding: 0.2rem;
  }
  .members h3 {
    font-size: 0.75rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--hub-muted);
    margin: 0.75rem 0.5rem 0.25rem;
  }
  .members ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .members li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding: 0.2rem 0.5rem;
  }
  .members .avatar {
    /* In the row's flow, not at a message's offsets, so the presence dot sits on its corner. */
    position: relative;
    inset: auto;
    width: 1.75rem;
    height: 1.75rem;
    font-size: 0.65rem;
    flex: none;
  }
  .presence {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--hub-online);
    flex: none;
    margin-left: -0.95rem;
    align-self: flex-end;
    border: 2px solid var(--hub-bg);
    box-sizing: content-box;
  }
  .presence.idle {
    background: var(--hub-idle);
  }
  .presence.dnd {
    background: var(--hub-dnd);
  }
`;

/** The shadow roots the styles were adopted into. */
const styled = new WeakSet<ShadowRoot>();

function adoptStyles(root: ShadowRoot | null): void {
  const sheet = styles.styleSheet;
  if (!root || !sheet || styled.has(root)) return;
  styled.add(root);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** What the member list needs of <hub-chat>. */
export interface MembersHost {
  shadowRoot: ShadowRoot | null;
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

/** The member list; `close` hides it (the only way back when it covers the channel). */
export function renderMembers(host: MembersHost, i18n: I18n, close: () => void): TemplateResult {
  adoptStyles(host.shadowRoot);
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
          ${renderAvatar(p.id, p.name, pictures.get(`${communityId} ${p.id}`) ?? undefined)}
          <span class="presence ${p.status}" role="img" aria-label=${i18n.t(key)}></span>
          <span>${p.name}</span>
        </li>`;
      })}
    </ul>
  </aside>`;
}
