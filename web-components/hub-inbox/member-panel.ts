// The side panel of <hub-inbox>'s open conversation: the member in the marketplace's
// communities (GET /support/conversations/{id}/context, agents only): their standing in the
// conversation's community, their communities and their latest public messages. Loaded beside
// the conversation; a failure leaves the rest of the view working.
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { SupportMemberContext, SupportMemberStanding } from '../../protocol/index.js';
import type { HubApi } from '../shared/api.js';
import type { I18n } from '../shared/i18n/i18n.js';

type PanelState =
  | { kind: 'idle' }
  | { kind: 'loading'; id: string }
  | { kind: 'ready'; id: string; context: SupportMemberContext }
  | { kind: 'failed'; id: string };

/** Loads the context of the open conversation; a later selection wins over an earlier load. */
export class MemberPanelController implements ReactiveController {
  state: PanelState = { kind: 'idle' };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  async load(api: HubApi, conversationId: string): Promise<void> {
    this.state = { kind: 'loading', id: conversationId };
    this.host.requestUpdate();
    try {
      const context = await api.request<SupportMemberContext>(
        'GET',
        `/support/conversations/${conversationId}/context`,
      );
      if (this.state.id === conversationId) this.state = { kind: 'ready', id: conversationId, context };
    } catch {
      if (this.state.id === conversationId) this.state = { kind: 'failed', id: conversationId };
    }
    this.host.requestUpdate();
  }

  clear(): void {
    this.state = { kind: 'idle' };
  }

  /** The name of `communityId` as the loaded context of `conversationId` knows it (the member's
   * communities), for agents who may not read the community itself. */
  communityName(conversationId: string, communityId: string): string | undefined {
    const s = this.state;
    if (s.kind !== 'ready' || s.id !== conversationId) return undefined;
    if (s.context.community?.id === communityId) return s.context.community.name;
    return s.context.communities.find((c) => c.id === communityId)?.name;
  }
}

const date = (i18n: I18n, at: string) => html`<time datetime=${at}>${i18n.stamp(Date.parse(at))}</time>`;

function standingText(s: SupportMemberStanding, i18n: I18n): string {
  if (s.ban)
    return i18n.t('inbox.standing.banned', {
      time: i18n.stamp(Date.parse(s.ban.at)),
      reason: s.ban.reason || '—',
    });
  if (!s.member && s.leftAt) return i18n.t('inbox.standing.left', { time: i18n.stamp(Date.parse(s.leftAt)) });
  if (s.timeoutUntil)
    return i18n.t('inbox.standing.timeout', { time: i18n.stamp(Date.parse(s.timeoutUntil)) });
  return i18n.t('inbox.standing.good');
}

function renderStanding(s: SupportMemberStanding, i18n: I18n): TemplateResult {
  const flagged = Boolean(s.ban || s.timeoutUntil || !s.member);
  return html`<dl part="standing">
    <dt>${i18n.t('inbox.community')}</dt>
    <dd>${s.name}</dd>
    <dt>${i18n.t('inbox.joined')}</dt>
    <dd>${date(i18n, s.joinedAt)}</dd>
    <dt>${i18n.t('inbox.roles')}</dt>
    <dd>${s.roles.length ? s.roles.map((r) => r.name).join(', ') : i18n.t('inbox.noRoles')}</dd>
    <dt>${i18n.t('inbox.standing')}</dt>
    <dd class=${flagged ? 'flagged' : ''} data-standing>${standingText(s, i18n)}</dd>
    <dt>${i18n.t('inbox.openCases')}</dt>
    <dd class=${s.openCases > 0 ? 'flagged' : ''} data-open-cases>${i18n.number(s.openCases)}</dd>
  </dl>`;
}

function renderContext(context: SupportMemberContext, i18n: I18n): TemplateResult {
  return html`${context.community ? renderStanding(context.community, i18n) : nothing}
    <h4 id="panel-communities">${i18n.t('inbox.communities')}</h4>
    ${
      context.communities.length
        ? html`<ul aria-labelledby="panel-communities" part="member-communities">
            ${context.communities.map(
              (c) =>
                html`<li>
                  ${c.name}
                  ${
                    c.leftAt
                      ? html`<span class="muted"
                          >(${i18n.t('inbox.leftOn', { time: i18n.stamp(Date.parse(c.leftAt)) })})</span
                        >`
                      : nothing
                  }
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">${i18n.t('inbox.noCommunities')}</p>`
    }
    <h4 id="panel-recent">${i18n.t('inbox.recent')}</h4>
    ${
      context.recentMessages.length
        ? html`<ol class="activity" aria-labelledby="panel-recent" part="member-activity">
            ${context.recentMessages.map(
              (m) =>
                html`<li data-activity=${m.id}>
                  <div class="muted">
                    ${i18n.t('inbox.inChannel', { channel: m.channelName, community: m.communityName })} ·
                    <time datetime=${m.createdAt} title=${i18n.stamp(Date.parse(m.createdAt))}
                      >${i18n.time(Date.parse(m.createdAt))}</time
                    >
                  </div>
                  ${
                    m.hidden
                      ? html`<p class="hidden-message">${i18n.t('inbox.hiddenMessage')}</p>`
                      : html`<p>${m.content}</p>`
                  }
                </li>`,
            )}
          </ol>`
        : html`<p class="muted">${i18n.t('inbox.noRecent')}</p>`
    }`;
}

export function renderMemberPanel(state: PanelState, i18n: I18n): TemplateResult {
  return html`<aside class="member-panel" part="member-context" aria-labelledby="member-panel-title">
    <h3 id="member-panel-title">${i18n.t('inbox.panel')}</h3>
    ${
      state.kind === 'ready'
        ? renderContext(state.context, i18n)
        : state.kind === 'failed'
          ? html`<p class="muted">${i18n.t('inbox.panelUnavailable')}</p>`
          : html`<p class="muted" aria-busy="true">${i18n.t('inbox.panelLoading')}</p>`
    }
  </aside>`;
}
