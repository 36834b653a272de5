// What <hub-live-session> follows over the hub's gateway (the widgets' HubClient): the
// community's timeline and, for a session in a channel, that channel's topic (where the hub
// announces a session not every member may see), which say when the session goes live or ends
// (so a waiting pre-join screen can open), and, for hosts, their own `user:` topic, where the
// hub pushes the session's telemetry.
import type { HubClient, Subscription } from '../../realtime/client/index.js';
import type { ApiLiveSession, LiveTelemetry } from './live-api.js';
import { chanTopic, timelineTopic, userTopic } from '../../protocol/topics.js';

export interface FeedHandlers {
  /** The session went live or ended: read it again. */
  statusChanged(): void;
  telemetry(figures: LiveTelemetry): void;
}

export class SessionFeed {
  private readonly subscriptions: Subscription[] = [];
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly client: HubClient,
    private readonly session: ApiLiveSession,
    private readonly handlers: FeedHandlers,
    /** The signed-in user, when the client is already connected. */
    me: { id: string } | undefined,
  ) {
    const announcers = [timelineTopic(session.communityId)];
    if (session.channelId) announcers.push(chanTopic(session.communityId, session.channelId));
    for (const channel of announcers) {
      const subscription = client.subscribe(channel);
      this.subscriptions.push(subscription);
      this.stops.push(
        subscription.on('publication', (pub) => {
          const data = (pub.data ?? {}) as { kind?: string; sessionId?: string };
          if (data.sessionId !== session.id) return;
          if (data.kind === 'live_session_started' || data.kind === 'live_session_ended')
            handlers.statusChanged();
        }),
      );
    }
    if (!session.youHost) return;
    if (me) this.followTelemetry(me.id);
    // The SDK resubscribes after a reconnect; the first connection names the user.
    this.stops.push(client.on('connected', ({ user }) => this.followTelemetry(user.id)));
  }

  private followTelemetry(userId: string): void {
    const channel = userTopic(userId);
    if (this.subscriptions.some((s) => s.channel === channel)) return;
    const mine = this.client.subscribe(channel);
    this.subscriptions.push(mine);
    this.stops.push(
      mine.on('publication', (pub) => {
        const data = (pub.data ?? {}) as Partial<LiveTelemetry> & { kind?: string; sessionId?: string };
        if (data.kind !== 'live_session_telemetry' || data.sessionId !== this.session.id) return;
        const { kind: _kind, sessionId: _id, ...figures } = data;
        this.handlers.telemetry(figures as LiveTelemetry);
      }),
    );
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const sub of this.subscriptions.splice(0)) sub.unsubscribe();
  }
}
