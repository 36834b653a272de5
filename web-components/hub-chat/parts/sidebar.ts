// The channel sidebar of <hub-chat>: categories with their channels, in position order, with
// unread and mention badges; the open channel is `aria-current`.
import { html, nothing, type TemplateResult } from 'lit';
import type { ApiChannel, ApiUnread } from '../../shared/api.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { icons } from '../../shared/icons.js';

const LISTED = new Set(['text', 'announcement', 'voice', 'stage', 'support']);

export interface SidebarGroup {
  id: string | null;
  name: string;
  channels: ApiChannel[];
}

/** Channels grouped under their categories; uncategorized first. */
export function groupChannels(channels: ApiChannel[], i18n: I18n): SidebarGroup[] {
  const byPosition = (a: ApiChannel, b: ApiChannel) =>
    a.position - b.position || a.name.localeCompare(b.name);
  const categories = channels.filter((c) => c.kind === 'category').sort(byPosition);
  const listed = channels.filter((c) => LISTED.has(c.kind) && !c.archived).sort(byPosition);
  const known = new Set(categories.map((c) => c.id));
  const groups: SidebarGroup[] = [
    {
      id: null,
      name: i18n.t('chat.uncategorized'),
      channels: listed.filter((c) => !c.parentId || !known.has(c.parentId)),
    },
    ...categories.map((cat) => ({
      id: cat.id,
      name: cat.name,
      channels: listed.filter((c) => c.parentId === cat.id),
    })),
  ];
  return groups.filter((g) => g.channels.length > 0);
}

export function renderSidebar(
  groups: SidebarGroup[],
  unread: Map<string, ApiUnread>,
  current: string,
  i18n: I18n,
  open: (channel: ApiChannel) => void,
  /** What follows the channels (the "Support" entry). */
  after: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  return html`<nav part="sidebar" class="sidebar" id="channel-drawer" aria-label=${i18n.t('chat.channels')}>
    ${groups.map(
      (group) =>
        html`<section class="group" aria-labelledby="group-${group.id ?? 'none'}">
          <h3 id="group-${group.id ?? 'none'}">${group.name}</h3>
          <ul>
            ${group.channels.map((channel) => {
              const counts = channel.id === current ? undefined : unread.get(channel.id);
              // Named by its content, "general (2 unread, 1 mention)", not an aria-label, so
              // the name starts with what is seen (WCAG label in name); the badge is hidden.
              const spoken = [
                counts?.unread ? i18n.t('chat.unread', { count: counts.unread }) : '',
                counts?.mentions ? i18n.t('chat.mentions', { count: counts.mentions }) : '',
              ]
                .filter(Boolean)
                .join(', ');
              return html`<li>
                <button
                  part="channel"
                  class="channel ${counts?.unread ? 'has-unread' : ''}"
                  aria-current=${channel.id === current ? 'page' : nothing}
                  data-channel=${channel.id}
                  @click=${() => open(channel)}
                >
                  <span class="hash">${channel.kind === 'announcement' ? icons.megaphone : icons.hash}</span>
                  <span class="name"
                    >${channel.name}${spoken ? html`<span class="visually-hidden"> (${spoken})</span>` : nothing}</span
                  >
                  ${
                    counts?.mentions
                      ? html`<span part="mention-badge" class="badge mention" aria-hidden="true"
                          >@${i18n.number(counts.mentions)}</span
                        >`
                      : counts?.unread
                        ? html`<span part="unread-badge" class="badge" aria-hidden="true"
                            >${i18n.number(counts.unread)}</span
                          >`
                        : nothing
                  }
                </button>
              </li>`;
            })}
          </ul>
        </section>`,
    )}
    ${after}
  </nav>`;
}

/** On narrow widths (CSS), the button that opens the channel list as a drawer. */
export function renderDrawerToggle(open: boolean, i18n: I18n, toggle: () => void): TemplateResult {
  return html`<button
    type="button"
    class="drawer-toggle"
    part="drawer-toggle"
    aria-expanded=${open ? 'true' : 'false'}
    aria-controls="channel-drawer"
    @click=${toggle}
  >
    ${icons.menu} ${i18n.t('chat.channels')}
  </button>`;
}

/** The sidebar's "Support" entry: opens the member's support conversations. */
export function renderSupportEntry(
  open: boolean,
  unseen: boolean,
  i18n: I18n,
  show: () => void,
): TemplateResult {
  return html`<div class="group support-group">
    <button
      type="button"
      part="channel support-entry"
      class="channel ${unseen ? 'has-unread' : ''}"
      aria-current=${open ? 'page' : nothing}
      @click=${show}
    >
      <span class="hash">${icons.thread}</span>
      <span class="name"
        >${i18n.t('support.entry')}${
          unseen ? html`<span class="visually-hidden"> (${i18n.t('support.newReply')})</span>` : nothing
        }</span
      >
      ${unseen ? html`<span class="badge mention" aria-hidden="true">•</span>` : nothing}
    </button>
  </div>`;
}
