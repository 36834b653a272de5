// <hub-live-session>: a live voice/video session of a community. See docs/widgets.md.
import { html, nothing, type PropertyValues } from 'lit';
import type { HubClient } from '../../realtime/client/index.js';
// Its strings, apart from the shared catalogue (the other widgets do not download them).
import '../shared/i18n/live.js';
import { Announcer } from '../shared/announcer.js';
import type { HubApi } from '../shared/api.js';
import { emit, type HubEventMap } from '../shared/events.js';
import { HubCommunityElement } from '../shared/hub-element.js';
import { DeviceController } from './devices.js';
import { styles } from './hub-live-session.styles.js';
import {
  communitySessions,
  fetchCalendar,
  LiveApi,
  type ApiLiveSession,
  type SessionRole,
} from './live-api.js';
import { pickSession } from './live-logic.js';
import { renderPrejoin } from './prejoin.js';
import { RoomController, type LeftReason } from './room-controller.js';
import { renderHeader, renderRoom } from './room-view.js';
import { SessionFeed } from './session-feed.js';
import { LiveStateController, preloadColyseus } from './live-state-controller.js';
import type { LocalChange } from './state-source.js';
import { SummaryController } from './summary-view.js';
import { renderEnded } from './ended-view.js';
import type { LiveView } from './view-context.js';

/**
 * A live session: a pre-join screen (status, microphone and camera choice, preview), then the
 * room: the stage grid (hosts' and speakers' video and audio, who is speaking), the audience
 * (count, list, raised hands), Q&A, polls, reactions, and the hosts' controls (invite from the
 * hand queue, lower hands, mute, move to the audience, remove, polls, Q&A status, telemetry,
 * end). Media flows through LiveKit; every action goes through the hub's API.
 *
 * @summary A live voice/video session of a community.
 *
 * @event hub-live-joined - The member joined the room: `{sessionId, role}`.
 * @event hub-live-left - The member is out of the room: `{sessionId, reason}` (`left`, `removed`, `ended`, `lost`).
 * @event hub-live-role-changed - Invited on stage or back to the audience: `{sessionId, role}`.
 * @event hub-live-hand-changed - The member raised or lowered their hand: `{sessionId, raised}`.
 * @event hub-live-question-asked - A question was stored: `{sessionId, questionId, status}` (`open` or `held`).
 * @event hub-live-poll-voted - The member voted: `{sessionId, pollId, choices}`.
 * @event hub-live-reaction-sent - The member reacted: `{sessionId, emoji}`.
 *
 * @csspart header - Title, status and counts.
 * @csspart session-status - The status badge.
 * @csspart prejoin - The pre-join screen.
 * @csspart planning - Before the start: the reminder and calendar buttons.
 * @csspart interest - The "Remind me" button.
 * @csspart calendar - The calendar file's download button.
 * @csspart devices - Device choice.
 * @csspart device-select - One select.
 * @csspart preview - The camera preview.
 * @csspart join - The join (or go live) button.
 * @csspart stage - The stage grid.
 * @csspart tile - One participant's tile.
 * @csspart tile-speaking - A tile whose participant speaks.
 * @csspart screen - A shared screen's tile (with `tile`).
 * @csspart host-controls - A tile's host buttons.
 * @csspart controls - The member's own controls.
 * @csspart mic-toggle - The microphone button.
 * @csspart camera-toggle - The camera button.
 * @csspart screen-toggle - The screen-sharing button.
 * @csspart device-switch - The menu that moves to another microphone or camera.
 * @csspart hand-toggle - The raise-hand button.
 * @csspart audience - The audience panel.
 * @csspart audience-count - Its count.
 * @csspart participant-count - Everyone in the room.
 * @csspart audience-member - One member.
 * @csspart hands - The hand queue.
 * @csspart hand - One raised hand.
 * @csspart qa - The Q&A panel.
 * @csspart ask-form - Its form.
 * @csspart ask-input - Its text box.
 * @csspart question - One question.
 * @csspart question-status - Its status.
 * @csspart upvote - Its upvote button.
 * @csspart polls - The polls panel.
 * @csspart poll - One poll.
 * @csspart vote-form - Its ballot.
 * @csspart poll-results - Its results.
 * @csspart poll-create - The hosts' new-poll form.
 * @csspart reactions - The reaction buttons.
 * @csspart reaction-burst - The latest second's reactions.
 * @csspart telemetry - The hosts' figures.
 * @csspart ended - The view of an ended or cancelled session.
 * @csspart ended-when - When it ended and how long it ran.
 * @csspart summary - The hosts' summary after the session.
 * @csspart summary-tile - One labelled figure of the summary.
 * @csspart summary-poll - One poll's results in the summary.
 * @csspart summary-reactions - Reactions over time in the summary.
 * @csspart notice - Outcome and error messages.
 *
 * @cssproperty --hub-live-tile-bg - A tile without video.
 * @cssproperty --hub-live-tile-text - Text on a tile without video.
 * @cssproperty --hub-live-height - The widget's height (44rem).
 * @cssproperty --hub-live-tile-min - A tile's minimum width (12rem).
 */
export class HubLiveSession extends HubCommunityElement {
  static override styles = styles;

  static override properties = {
    sessionId: { type: String, attribute: 'session-id' },
  };

  /** The session to show; without it, the live (else the next) session of `community`. */
  declare sessionId: string;

  private readonly room: RoomController;
  private readonly devices: DeviceController;
  private readonly announcer: Announcer;
  private hubApi: HubApi | undefined;
  private client: HubClient | undefined;
  private api: LiveApi | undefined;
  private session: ApiLiveSession | undefined;
  private sessionRole: SessionRole = 'audience';
  private me = '';
  private readonly live: LiveStateController;
  private readonly summary = new SummaryController(this);
  private publish = { mic: true, camera: true };
  private busy = false;
  private notice = '';
  private error = '';
  private loadError = '';
  private leftReason: LeftReason | undefined;
  /** Whether the widget already rejoined once by itself since the last successful join. */
  private rejoined = false;
  private feed: SessionFeed | undefined;
  private generation = 0;

  constructor() {
    super();
    this.sessionId = '';
    this.announcer = new Announcer(this, (count) => this.i18n.t('live.updates', { count }));
    this.devices = new DeviceController(this);
    this.live = new LiveStateController(this, {
      i18n: () => this.i18n,
      announce: (text) => this.announcer.announce(text),
    });
    this.room = new RoomController(this, {
      permissions: (canPublish) => this.onPermissions(canPublish),
      left: (reason) => this.onLeft(reason),
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('sessionId') || changed.has('community')) && this.client && this.hubApi)
      void this.start(this.client, this.hubApi);
    this.summary.follow(this.api, this.session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private stop(): void {
    this.feed?.close();
    this.feed = undefined;
    this.live.close();
  }

  /** Finds the session, then follows its community's timeline (it going live or ending). */
  protected override async start(client: HubClient, hubApi: HubApi): Promise<void> {
    this.stop();
    void this.room.leave();
    // A newer start (another session, user or hub) makes this one moot after each await.
    const generation = ++this.generation;
    this.client = client;
    this.hubApi = hubApi;
    this.session = undefined;
    this.loadError = '';
    try {
      let id = this.sessionId;
      if (!id && this.community) {
        const community = await hubApi.community(this.community);
        id = pickSession(await communitySessions(hubApi, community.id))?.id ?? '';
      }
      if (generation !== this.generation) return;
      if (!id) {
        this.loadError = this.i18n.t('live.noSession');
        this.requestUpdate();
        return;
      }
      const api = new LiveApi(hubApi, id);
      const session = await api.session();
      if (generation !== this.generation) return;
      this.api = api;
      this.session = session;
      if (session.status === 'live') preloadColyseus();
      void this.devices.list(false);
      this.feed = new SessionFeed(
        client,
        session,
        {
          statusChanged: () => void this.reload(),
          telemetry: (figures) => this.live.setTelemetry(figures),
        },
        this.conn.me,
      );
    } catch (err) {
      if (generation !== this.generation) return;
      this.loadError = this.describe(err);
      this.report(err);
    }
    this.requestUpdate();
  }

  private async reload(): Promise<void> {
    if (!this.api) return;
    try {
      const before = this.session?.status;
      this.session = await this.api.session();
      if (before !== this.session.status)
        this.announcer.announce(this.i18n.t(`live.status.${this.session.status}`));
      // Over, yet still in the room (LiveKit has not closed it yet, or closing it failed):
      // leave it, so that nobody stays on a stage that has ended.
      if (isOver(this.session) && this.room.room) void this.room.leave('ended');
    } catch (err) {
      this.report(err);
    }
    this.requestUpdate();
  }

  private async goLive(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.busy = true;
    this.requestUpdate();
    try {
      this.session = await api.start();
      await this.join();
    } catch (err) {
      this.showError(err);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private async join(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.busy = true;
    this.error = '';
    this.leftReason = undefined;
    this.requestUpdate();
    try {
      const ticket = await api.join();
      this.devices.stopPreview();
      this.sessionRole = ticket.role;
      this.me = ticket.identity;
      await this.room.connect(ticket, this.devices.chosen, this.publish);
      const room = this.room.room;
      if (!room) throw new Error('hub-live-session: the room closed while joining');
      const host = this.session?.youHost ?? ticket.role === 'host';
      const endpoint = this.endpoint.replace(/\/$/, '') || location.origin;
      await this.live.open(api, endpoint, room, { id: ticket.identity, host });
      this.announcer.announce(this.i18n.t('live.joined', { role: this.i18n.t(`live.role.${ticket.role}`) }));
      emit(this, 'hub-live-joined', { sessionId: api.sessionId, role: ticket.role });
      this.rejoined = false;
      await this.reload();
    } catch (err) {
      this.showError(err);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private onPermissions(canPublish: boolean): void {
    if (this.sessionRole === 'host') return;
    const role: SessionRole = canPublish ? 'speaker' : 'audience';
    if (role === this.sessionRole) return;
    this.sessionRole = role;
    this.announcer.announce(this.i18n.t(canPublish ? 'live.onStageNow' : 'live.backToAudience'));
    this.notice = this.i18n.t(canPublish ? 'live.onStageNow' : 'live.backToAudience');
    if (this.api) emit(this, 'hub-live-role-changed', { sessionId: this.api.sessionId, role });
    this.live.refresh();
  }

  private onLeft(reason: LeftReason): void {
    this.live.close();
    this.leftReason = reason;
    this.notice = '';
    this.announcer.announce(this.i18n.t(`live.left.${reason}`));
    if (this.api) emit(this, 'hub-live-left', { sessionId: this.api.sessionId, reason });
    void this.reload().then(() => {
      // The link dropped because the session ended (the room's closing came as a lost
      // connection): say that it ended.
      if (reason === 'lost' && this.session && isOver(this.session)) {
        this.leftReason = 'ended';
        this.announcer.announce(this.i18n.t('live.left.ended'));
        this.requestUpdate();
        return;
      }
      // LiveKit gave up resuming (network gone too long): join once more with a fresh token
      // (the old one may have expired), if the session still runs and the widget is still here.
      if (reason !== 'lost' || this.rejoined || this.session?.status !== 'live' || !this.isConnected) return;
      this.rejoined = true;
      void this.join();
    });
  }

  private async setInterest(interested: boolean): Promise<void> {
    const api = this.api;
    const session = this.session;
    if (!api || !session) return;
    await this.act(
      async () => {
        const r = await api.setInterest(interested);
        this.session = { ...session, interested: r.interested, youInterested: interested };
        return undefined;
      },
      this.i18n.t(interested ? 'live.reminding' : 'live.notReminding'),
    );
  }

  /** Saves the session's .ics file (fetched with the member's token, so not a plain link). */
  private async downloadCalendar(): Promise<void> {
    const session = this.session;
    const provider = this.tokenProvider;
    if (!session || !provider) return;
    await this.act(async () => {
      const blob = await fetchCalendar(this.endpoint.replace(/\/$/, ''), await provider(), session.id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${session.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60) || 'session'}.ics`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return undefined;
    });
  }

  private async end(): Promise<void> {
    const api = this.api;
    if (!api || !window.confirm(this.i18n.t('live.confirmEnd'))) return;
    await this.act(async () => {
      this.session = await api.end();
    }, this.i18n.t('live.ended'));
  }

  private async act(work: () => Promise<LocalChange | undefined>, done?: string): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.requestUpdate();
    try {
      const change = await work();
      if (change) this.live.record(change);
      if (done) {
        this.notice = done;
        this.announcer.announce(done);
      }
      return true;
    } catch (err) {
      this.showError(err);
      return false;
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private showError(err: unknown): void {
    this.error = this.describe(err);
    this.notice = '';
    this.announcer.announce(this.error);
    this.report(err);
  }

  private describe(err: unknown): string {
    const e = err as { code?: string; message?: string; status?: number; name?: string };
    if (e.code === 'not_found' && e.status === 404) return this.i18n.t('live.unavailable');
    if (e.code === 'forbidden') return e.message ?? this.i18n.t('live.forbidden');
    if (e.name === 'NotAllowedError') return this.i18n.t('live.devicesDenied');
    return e.message ?? String(err);
  }

  private report(err: unknown): void {
    const e = err as { code?: string; message?: string };
    emit(this, 'hub-error', { code: e.code ?? 'internal', message: e.message ?? String(err) });
  }

  private view(): LiveView | undefined {
    const api = this.api;
    const source = this.live.source;
    if (!api || !source) return undefined;
    const tiles = this.room.tiles();
    const names = new Map(tiles.map((t) => [t.identity, t.name]));
    for (const q of source.snapshot().questions)
      if (!names.has(q.authorId)) names.set(q.authorId, q.authorName);
    return {
      i18n: this.i18n,
      api,
      me: this.me,
      role: this.sessionRole,
      host: this.session?.youHost ?? this.sessionRole === 'host',
      snapshot: source.snapshot(),
      tiles,
      participants: tiles.filter((t) => !t.screen).length,
      room: this.room,
      devices: this.devices,
      telemetry: this.live.telemetry,
      busy: this.busy,
      nameOf: (id) => names.get(id) ?? id,
      act: (work, done) => this.act(work, done),
      notify: (name, detail) =>
        emit(this, name, { sessionId: api.sessionId, ...detail } as HubEventMap[typeof name]),
      confirm: (message) => window.confirm(message),
      leave: () => void this.room.leave(),
      end: () => void this.end(),
      say: (text) => {
        this.notice = text;
        this.announcer.announce(text);
      },
      requestUpdate: () => this.requestUpdate(),
    };
  }

  override render() {
    const i18n = this.i18n;
    const view =
      this.room.phase === 'connected' || this.room.phase === 'reconnecting' ? this.view() : undefined;
    const session = this.session;
    let body;
    if (this.loadError) body = html`<p class="error" role="alert">${this.loadError}</p>`;
    else if (!session) body = html`<p class="muted" role="status">${i18n.t('live.loading')}</p>`;
    else if (view) body = renderRoom(view, this.room.phase === 'reconnecting');
    else if (isOver(session))
      body = html`${
        this.leftReason
          ? html`<p class="banner" role="status">${i18n.t(`live.left.${this.leftReason}`)}</p>`
          : nothing
      }
      ${renderEnded(i18n, session, this.summary.summary?.sessionId === session.id ? this.summary.summary : undefined)}`;
    else
      body = html`${
        this.leftReason
          ? html`<p class="banner" role="status">${i18n.t(`live.left.${this.leftReason}`)}</p>`
          : nothing
      }
      ${renderPrejoin({
        i18n,
        session,
        devices: this.devices,
        publish: this.publish,
        busy: this.busy || this.room.phase === 'connecting',
        setPublish: (kind, on) => {
          this.publish = { ...this.publish, [kind]: on };
          this.requestUpdate();
        },
        join: () => void this.join(),
        start: () => void this.goLive(),
        setInterest: (interested) => void this.setInterest(interested),
        downloadCalendar: () => void this.downloadCalendar(),
      })}`;
    return html`<section
      class="layout"
      lang=${i18n.locale}
      aria-labelledby="session-title"
      data-state-source=${this.live.source?.kind ?? nothing}
      data-room-members=${this.live.source?.snapshot().members?.length ?? nothing}
    >
      ${renderHeader(i18n, session, view)}
      ${
        this.error || this.notice
          ? html`<p
              part="notice"
              class="notice ${this.error ? 'error' : ''}"
              role=${this.error ? 'alert' : 'status'}
            >
              ${this.error || this.notice}
            </p>`
          : nothing
      }
      ${body}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcer.text}
      </div>
    </section>`;
  }
}

/** Whether a session has ended or was cancelled. */
function isOver(session: { status: string }): boolean {
  return session.status === 'ended' || session.status === 'cancelled';
}
