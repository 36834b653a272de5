// Scheduling: create, change, cancel and list a community's live sessions; members mark
// interest. Status changes made by LiveKit (live, ended) live in lifecycle.ts.
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { has, Permission } from '../../community/permissions/permissions.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { hostedSession, type SessionDoc } from './access.js';
import { sessionEvent } from './lifecycle.js';
import { scheduleReminder } from './reminders.js';
import {
  interestModel,
  liveSessionModel,
  type SESSION_VISIBILITIES,
  type SessionStatus,
} from './session.model.js';

export interface SessionInput {
  title: string;
  description?: string;
  channelId?: string;
  hostIds?: string[];
  startsAt: Date;
  durationMin: number;
  capacity: number;
  visibility: (typeof SESSION_VISIBILITIES)[number];
}

const STAGE_KINDS = new Set(['voice', 'stage']);

/** Creating needs HOST_SESSIONS in the community (in the channel, when the session has one). */
export async function createSession(
  ctx: MediaContext,
  user: AuthUser,
  communityId: string,
  input: SessionInput,
): Promise<SessionDoc> {
  const notFound = () => new HttpError('not_found', 'no such community or channel, or you are not a member');
  let bits: number;
  if (input.channelId) {
    const inChannel = await ctx.access.inChannel(user.id, communityId, input.channelId);
    if (!inChannel) throw notFound();
    if (!STAGE_KINDS.has(inChannel.channel.kind)) {
      throw new HttpError('bad_request', 'a live session belongs to a voice or stage channel');
    }
    bits = inChannel.bits;
  } else {
    const standing = await ctx.access.standing(user.id, communityId);
    if (!standing) throw notFound();
    bits = standing.base;
  }
  if (!has(bits, Permission.HOST_SESSIONS))
    throw new HttpError('forbidden', 'you may not host sessions here');
  if (input.startsAt.getTime() < Date.now() - 60_000) {
    throw new HttpError('bad_request', 'a session cannot start in the past');
  }
  const hostIds = await checkHosts(ctx, communityId, [user.id, ...(input.hostIds ?? [])]);
  const created = await liveSessionModel(ctx.connection).create({
    communityId: new Types.ObjectId(communityId),
    channelId: input.channelId ? new Types.ObjectId(input.channelId) : null,
    title: input.title,
    description: input.description ?? '',
    hostIds,
    createdBy: user.id,
    startsAt: input.startsAt,
    durationMin: input.durationMin,
    capacity: input.capacity,
    visibility: input.visibility,
    room: `live-${randomBytes(9).toString('base64url')}`,
  });
  const session = created.toObject() as SessionDoc;
  await scheduleReminder(
    ctx.reminders,
    session._id.toHexString(),
    session.startsAt,
    ctx.settings.reminderLeadS,
  );
  await ctx.events.emit('live_session.scheduled', communityId, sessionEvent(session));
  return session;
}

/** Hosts must be members of the community: a stranger cannot be made a host. */
async function checkHosts(ctx: MediaContext, communityId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length > 20) throw new HttpError('bad_request', 'at most 20 hosts');
  for (const id of unique) {
    if (!(await ctx.access.standing(id, communityId))) {
      throw new HttpError('bad_request', `host ${id} is not a member of the community`);
    }
  }
  return unique;
}

export type SessionChanges = Partial<Omit<SessionInput, 'channelId' | 'hostIds'>> & { hostIds?: string[] };

/** Hosts change a session before it ends; moving the start schedules a new reminder. */
export async function updateSession(
  ctx: MediaContext,
  user: AuthUser,
  sessionId: string,
  changes: SessionChanges,
): Promise<SessionDoc> {
  const session = await hostedSession(ctx, user, sessionId);
  if (session.status === 'ended' || session.status === 'cancelled') {
    throw new HttpError('conflict', `the session is ${session.status}`);
  }
  if (changes.startsAt && session.status !== 'scheduled') {
    throw new HttpError('conflict', 'a session that has started cannot be moved');
  }
  const communityId = session.communityId.toHexString();
  const set: Record<string, unknown> = { ...changes };
  if (changes.hostIds) set['hostIds'] = await checkHosts(ctx, communityId, changes.hostIds);
  if (changes.hostIds?.length === 0) throw new HttpError('bad_request', 'a session needs a host');
  const updated = await liveSessionModel(ctx.connection)
    .findOneAndUpdate(
      { _id: session._id, status: session.status },
      { $set: set },
      { returnDocument: 'after' },
    )
    .lean<SessionDoc>();
  if (!updated) throw new HttpError('conflict', 'the session changed meanwhile; try again');
  if (changes.startsAt) {
    await scheduleReminder(ctx.reminders, sessionId, updated.startsAt, ctx.settings.reminderLeadS);
  }
  return updated;
}

export async function cancelSession(
  ctx: MediaContext,
  user: AuthUser,
  sessionId: string,
): Promise<SessionDoc> {
  const session = await hostedSession(ctx, user, sessionId);
  const updated = await liveSessionModel(ctx.connection)
    .findOneAndUpdate(
      { _id: session._id, status: 'scheduled' },
      { $set: { status: 'cancelled' } },
      { returnDocument: 'after' },
    )
    .lean<SessionDoc>();
  if (!updated)
    throw new HttpError('conflict', `only a scheduled session can be cancelled (it is ${session.status})`);
  return updated;
}

export async function listSessions(
  ctx: MediaContext,
  communityId: string,
  filter: { status?: SessionStatus; from?: Date },
): Promise<SessionDoc[]> {
  return liveSessionModel(ctx.connection)
    .find({
      communityId: new Types.ObjectId(communityId),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.from ? { startsAt: { $gte: filter.from } } : {}),
    })
    .sort({ startsAt: 1 })
    .limit(200)
    .lean<SessionDoc[]>();
}

/** Marks (or unmarks) the caller's interest; idempotent. Returns the number of marks. */
export async function setInterest(
  ctx: MediaContext,
  session: SessionDoc,
  userId: string,
  interested: boolean,
): Promise<number> {
  const Interest = interestModel(ctx.connection);
  if (interested) {
    await Interest.updateOne(
      { sessionId: session._id, userId },
      { $setOnInsert: { at: new Date() } },
      { upsert: true },
    ).catch((err: { code?: number }) => {
      if (err.code !== 11000) throw err; // marked concurrently: already there
    });
  } else {
    await Interest.deleteOne({ sessionId: session._id, userId });
  }
  return Interest.countDocuments({ sessionId: session._id });
}
