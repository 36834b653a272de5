// Status changes that follow the LiveKit room: live when the room starts (or a host starts the
// session), ended when the room finishes (or a host ends it). Each change is a compare-and-set
// on the status, so a webhook and a host racing change it once; the start and the end are
// announced once each (the publish nonce is the session's), to those who may see the session:
// the community's timeline when every member may, otherwise its channel's own topic, whose
// subscribers are the channel's viewers.
import type { Logger } from 'pino';
import type { LiveSessionData } from '../../community/events/marketplace-events.js';
import type { MediaContext } from '../context.js';
import { HUB_AUTHOR } from '../context.js';
import type { SessionDoc } from './access.js';
import { liveSessionModel } from './session.model.js';
import { isLiveKitNotFound } from '../livekit.js';
import { chanTopic, timelineTopic } from '../../protocol/index.js';

export interface SessionEndHooks {
  /** Collects what the session's state and telemetry hold at `at`, to be saved with the session. */
  collect(session: SessionDoc, at: Date): Promise<{ summary: object; results: object }>;
  /** Forgets the session's live state once it is saved. */
  forget(session: SessionDoc): Promise<void>;
}

export interface TimelineEvent {
  kind: 'live_session_started' | 'live_session_ended';
  sessionId: string;
  title: string;
  channelId: string | null;
  /** Who was told: every member (`community`, on the timeline) or the channel's viewers. */
  audience: 'community' | 'channel';
  at: string;
}

// `at` is when it happened: a LiveKit webhook passes its event's moment, the clock the
// participants' stays are measured by, so that the duration and the watch time agree (a webhook
// can arrive seconds after its event).

/** scheduled → live; true when this call made the change. */
export async function markLive(ctx: MediaContext, session: SessionDoc, at = new Date()): Promise<boolean> {
  const now = at;
  const updated = await liveSessionModel(ctx.connection).findOneAndUpdate(
    { _id: session._id, status: 'scheduled' },
    { $set: { status: 'live', startedAt: now } },
    { returnDocument: 'after' },
  );
  if (!updated) return false;
  await announce(ctx, session, 'live_session_started', now, ctx.log);
  await ctx.events.emit('live_session.started', session.communityId.toHexString(), sessionEvent(session));
  return true;
}

/** scheduled|live → ended, with the session's results saved; true when this call ended it. */
export async function markEnded(
  ctx: MediaContext,
  session: SessionDoc,
  hooks: SessionEndHooks,
  at = new Date(),
): Promise<boolean> {
  const now = at;
  const { summary, results } = await hooks.collect(session, now);
  const updated = await liveSessionModel(ctx.connection).findOneAndUpdate(
    { _id: session._id, status: { $in: ['scheduled', 'live'] } },
    { $set: { status: 'ended', endedAt: now, summary, results } },
    { returnDocument: 'after' },
  );
  if (!updated) return false;
  await announce(ctx, session, 'live_session_ended', now, ctx.log);
  await ctx.events.emit('live_session.ended', session.communityId.toHexString(), sessionEvent(session));
  await hooks.forget(session);
  // The room may already be gone (room_finished); a host's end closes it for everyone. When
  // closing it fails, the widgets still leave it when they hear of the end.
  await ctx.livekit.rooms.deleteRoom(session.room).catch((err: unknown) => {
    if (!isLiveKitNotFound(err))
      ctx.log.warn({ err, room: session.room }, 'ended session: LiveKit room not closed');
  });
  return true;
}

async function announce(
  ctx: MediaContext,
  session: SessionDoc,
  kind: TimelineEvent['kind'],
  at: Date,
  log: Logger,
): Promise<void> {
  const sessionId = session._id.toHexString();
  const communityId = session.communityId.toHexString();
  const channelId = session.channelId ? session.channelId.toHexString() : null;
  try {
    const audience = await audienceOf(ctx, session, communityId, channelId);
    const event: TimelineEvent = {
      kind,
      sessionId,
      title: session.title,
      channelId,
      audience,
      at: at.toISOString(),
    };
    const topic =
      audience === 'community' || !channelId ? timelineTopic(communityId) : chanTopic(communityId, channelId);
    await ctx.publisher.publish(topic, {
      nonce: `${kind}-${sessionId}`,
      data: JSON.stringify(event),
      info: HUB_AUTHOR,
    });
  } catch (err) {
    // The status changed; a lost announcement must not undo it.
    log.error({ err, sessionId }, 'live session announcement failed');
  }
}

/** Every member may see a public session, one without a channel, or one in a channel they all see. */
async function audienceOf(
  ctx: MediaContext,
  session: SessionDoc,
  communityId: string,
  channelId: string | null,
): Promise<TimelineEvent['audience']> {
  if (session.visibility === 'public' || channelId === null) return 'community';
  return (await ctx.access.visibleToEveryMember(communityId, channelId)) ? 'community' : 'channel';
}

/** A session as the marketplace's events tell it (community/events). */
export function sessionEvent(session: SessionDoc): LiveSessionData {
  return {
    sessionId: session._id.toHexString(),
    title: session.title,
    hostId: session.hostIds[0] ?? session.createdBy,
    startsAt: session.startsAt.toISOString(),
  };
}
