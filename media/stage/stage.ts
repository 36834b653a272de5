// Joining and the stage: who a member is in the session's LiveKit room, the token that says so,
// the raised-hand queue, invitations to the stage, stepping down, muting and removal. Every
// change is made through the RoomService here, after the caller's permission is checked.
import { DataPacket_Kind } from 'livekit-server-sdk';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { STATE_TOPIC, type JoinTicket, type StageState } from '../../protocol/index.js';
import { isHost, type SessionDoc } from '../sessions/access.js';
import { grantFor, permissionFor, type SessionRole } from './grants.js';
import { isLiveKitNotFound } from '../livekit.js';

export type { JoinTicket };

/** Data messages the hub sends into the room, on this LiveKit topic, as JSON. */
export { STATE_TOPIC };

export async function roleOf(ctx: MediaContext, session: SessionDoc, user: AuthUser): Promise<SessionRole> {
  if (await isHost(ctx, user, session)) return 'host';
  const onStage = await ctx.redis.sismember(ctx.keys.session(session._id.toHexString()).stage, user.id);
  return onStage ? 'speaker' : 'audience';
}

export async function isBlocked(ctx: MediaContext, session: SessionDoc, userId: string): Promise<boolean> {
  return (await ctx.redis.sismember(ctx.keys.session(session._id.toHexString()).blocked, userId)) === 1;
}

/** A short-lived token bound to the caller's identity, with the grants of their role. */
export async function join(ctx: MediaContext, session: SessionDoc, user: AuthUser): Promise<JoinTicket> {
  if (await isBlocked(ctx, session, user.id)) {
    throw new HttpError('forbidden', 'a host removed you from this session');
  }
  const role = await roleOf(ctx, session, user);
  if (session.status === 'ended' || session.status === 'cancelled') {
    throw new HttpError('conflict', `the session is ${session.status}`);
  }
  if (session.status !== 'live' && role !== 'host') {
    throw new HttpError('conflict', 'the session has not started yet');
  }
  await ensureRoom(ctx, session);
  const token = await ctx.livekit.mintJoinToken({
    identity: user.id,
    displayName: user.name,
    room: session.room,
    grants: grantFor(role),
    ttlS: ctx.settings.tokenTtlS,
    metadata: JSON.stringify({ role }),
  });
  return {
    url: ctx.livekit.clientUrl,
    token,
    room: session.room,
    identity: user.id,
    role,
    expiresInS: ctx.settings.tokenTtlS,
  };
}

/** The room exists before anyone connects, with the session's limits (idempotent in LiveKit). */
async function ensureRoom(ctx: MediaContext, session: SessionDoc): Promise<void> {
  await ctx.livekit.rooms.createRoom({
    name: session.room,
    emptyTimeout: ctx.settings.emptyTimeoutS,
    maxParticipants: session.capacity,
    metadata: JSON.stringify({ sessionId: session._id.toHexString() }),
  });
}

export async function raiseHand(ctx: MediaContext, session: SessionDoc, user: AuthUser): Promise<number> {
  requireLive(session);
  if ((await roleOf(ctx, session, user)) !== 'audience') {
    throw new HttpError('conflict', 'only the audience raises hands');
  }
  const keys = ctx.keys.session(session._id.toHexString());
  // NX: raising again keeps one's place in the queue.
  const added = await ctx.redis.zadd(keys.hands, 'NX', String(Date.now()), user.id);
  if (added === 1) await ctx.redis.hincrby(keys.counters, 'handRaises', 1);
  await broadcastStage(ctx, session);
  const rank = await ctx.redis.zrank(keys.hands, user.id);
  return (rank ?? 0) + 1;
}

/** Lowers the caller's own hand, or (hosts) someone's, or every hand when userId is '*'. */
export async function lowerHand(
  ctx: MediaContext,
  session: SessionDoc,
  user: AuthUser,
  userId: string,
): Promise<void> {
  if (userId !== user.id) await requireHost(ctx, session, user);
  const keys = ctx.keys.session(session._id.toHexString());
  if (userId === '*') await ctx.redis.del(keys.hands);
  else await ctx.redis.zrem(keys.hands, userId);
  await broadcastStage(ctx, session);
}

/** A host brings someone on stage: they may publish microphone and camera from now on. */
export async function invite(ctx: MediaContext, session: SessionDoc, host: AuthUser, userId: string) {
  await requireHost(ctx, session, host);
  requireLive(session);
  if (await isBlocked(ctx, session, userId)) throw new HttpError('conflict', 'that member was removed');
  const keys = ctx.keys.session(session._id.toHexString());
  await ctx.redis.multi().sadd(keys.stage, userId).zrem(keys.hands, userId).exec();
  await setPermission(ctx, session, userId, 'speaker');
  await broadcastStage(ctx, session);
}

/** A speaker steps down (or a host moves them back to the audience). */
export async function stepDown(ctx: MediaContext, session: SessionDoc, user: AuthUser, userId: string) {
  if (userId !== user.id) await requireHost(ctx, session, user);
  const keys = ctx.keys.session(session._id.toHexString());
  if ((await ctx.redis.srem(keys.stage, userId)) === 0) throw new HttpError('conflict', 'not on stage');
  await setPermission(ctx, session, userId, 'audience');
  await broadcastStage(ctx, session);
}

export async function muteTrack(
  ctx: MediaContext,
  session: SessionDoc,
  host: AuthUser,
  target: { userId: string; trackSid: string; muted: boolean },
) {
  await requireHost(ctx, session, host);
  requireLive(session);
  try {
    const track = await ctx.livekit.rooms.mutePublishedTrack(
      session.room,
      target.userId,
      target.trackSid,
      target.muted,
    );
    return { trackSid: track.sid, muted: track.muted };
  } catch (err) {
    throw notInRoom(err);
  }
}

/** A host removes someone: they leave the room now and get no token again for this session.
 * LiveKit also refuses their old tokens (revokeTokenTs), and a rejoin that slips through is
 * removed again when its participant_joined webhook arrives. */
export async function removeParticipant(
  ctx: MediaContext,
  session: SessionDoc,
  host: AuthUser,
  userId: string,
) {
  await requireHost(ctx, session, host);
  if (session.hostIds.includes(userId)) throw new HttpError('conflict', 'a host cannot be removed');
  const keys = ctx.keys.session(session._id.toHexString());
  await ctx.redis.multi().sadd(keys.blocked, userId).srem(keys.stage, userId).zrem(keys.hands, userId).exec();
  // Their seats in the session's Colyseus rooms close on every node.
  await publishToRooms(ctx, session._id.toHexString(), JSON.stringify({ kind: 'removed', userId }));
  await kick(ctx, session, userId);
  await broadcastStage(ctx, session);
}

export async function kick(ctx: MediaContext, session: SessionDoc, userId: string): Promise<void> {
  const revokeTokenTs = BigInt(Math.floor(Date.now() / 1000) + 1);
  await ctx.livekit.rooms.removeParticipant(session.room, userId, { revokeTokenTs }).catch((err: unknown) => {
    if (!isLiveKitNotFound(err)) throw err;
  });
}

/** The stage; `onAir` follows LiveKit's track webhooks. */
export type StageView = StageState;

export async function stageView(ctx: MediaContext, session: SessionDoc): Promise<StageView> {
  const keys = ctx.keys.session(session._id.toHexString());
  const [hands, speakers, onAir] = await Promise.all([
    ctx.redis.zrange(keys.hands, '0', '-1', 'WITHSCORES'),
    ctx.redis.smembers(keys.stage),
    ctx.redis.smembers(keys.onAir),
  ]);
  const queue: StageView['hands'] = [];
  for (let i = 0; i < hands.length; i += 2) {
    queue.push({ userId: hands[i] as string, raisedAt: Number(hands[i + 1]) });
  }
  return { hands: queue, speakers: speakers.sort(), hosts: session.hostIds, onAir: onAir.sort() };
}

/** Sends a state change to everyone in the session: over LiveKit's reliable data channel to those
 * in the media room, and over Redis to the session's Colyseus rooms on every hub node. */
export async function broadcast(ctx: MediaContext, session: SessionDoc, message: object): Promise<void> {
  if (session.status !== 'live') return;
  const json = JSON.stringify(message);
  const data = new TextEncoder().encode(json);
  await Promise.all([
    ctx.livekit.rooms
      .sendData(session.room, data, DataPacket_Kind.RELIABLE, { topic: STATE_TOPIC })
      .catch((err: unknown) => ctx.log.warn({ err, room: session.room }, 'live state broadcast failed')),
    publishToRooms(ctx, session._id.toHexString(), json),
  ]);
}

/** A change for the session's Colyseus rooms only (their status, once the session is over). */
export async function publishToRooms(ctx: MediaContext, sessionId: string, json: string): Promise<void> {
  await ctx.redis
    .publish(ctx.keys.session(sessionId).roomChannel, json)
    .catch((err: unknown) => ctx.log.warn({ err, sessionId }, 'live state to rooms failed'));
}

export async function broadcastStage(ctx: MediaContext, session: SessionDoc): Promise<void> {
  await broadcast(ctx, session, { kind: 'stage', ...(await stageView(ctx, session)) });
}

async function setPermission(ctx: MediaContext, session: SessionDoc, userId: string, role: SessionRole) {
  try {
    await ctx.livekit.rooms.updateParticipant(session.room, userId, {
      permission: permissionFor(role),
      metadata: JSON.stringify({ role }),
    });
  } catch (err) {
    // Not in the room now: their next token carries the role.
    if (!isLiveKitNotFound(err)) throw err;
  }
}

async function requireHost(ctx: MediaContext, session: SessionDoc, user: AuthUser): Promise<void> {
  if (!(await isHost(ctx, user, session))) throw new HttpError('forbidden', 'only the hosts may do that');
}

function requireLive(session: SessionDoc): void {
  if (session.status !== 'live') throw new HttpError('conflict', 'the session is not live');
}

function notInRoom(err: unknown): unknown {
  return isLiveKitNotFound(err)
    ? new HttpError('not_found', 'no such participant or track in the room')
    : err;
}
