// Who may see, join and run a live session: deny unless allowed. A session the caller may not
// see is reported exactly like one that does not exist (404); a member a host removed from it
// may no longer see it or act in it (403).
import type { Connection, Types } from 'mongoose';
import type { CommunityAccess } from '../../community/access.js';
import { has, Permission } from '../../community/permissions/permissions.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { RedisClient } from '../../storage/redis.js';
import { getBan } from '../../storage/repositories/members.js';
import type { MediaKeys } from '../keys.js';
import { liveSessionModel, type LiveSession } from './session.model.js';

export type SessionDoc = LiveSession & { _id: Types.ObjectId };

export interface SessionAccessDeps {
  connection: Connection;
  access: CommunityAccess;
  /** Where the session's removed members are kept (its `blocked` set). */
  redis: RedisClient;
  keys: MediaKeys;
}

const missing = () => new HttpError('not_found', 'no such live session');

export async function loadSession(connection: Connection, sessionId: string): Promise<SessionDoc> {
  if (!/^[0-9a-f]{24}$/.test(sessionId)) throw missing();
  const session = await liveSessionModel(connection).findById(sessionId).lean<SessionDoc>();
  if (!session) throw missing();
  return session;
}

/** Whether the caller hosts the session, or administers its community. */
export async function isHost(deps: SessionAccessDeps, user: AuthUser, session: SessionDoc): Promise<boolean> {
  const standing = await deps.access.standing(user.id, session.communityId.toHexString());
  if (!standing) return false;
  return session.hostIds.includes(user.id) || has(standing.base, Permission.ADMINISTRATOR);
}

/** The session, if the caller may see it: members (and the channel's viewers), or anyone not
 * banned from the community when it is public. */
export async function viewableSession(
  deps: SessionAccessDeps,
  user: AuthUser,
  sessionId: string,
): Promise<SessionDoc> {
  const session = await loadSession(deps.connection, sessionId);
  const communityId = session.communityId.toHexString();
  if (session.visibility === 'public') {
    if (await getBan(deps.connection, communityId, user.id)) throw missing();
  } else {
    const standing = session.channelId
      ? await deps.access.inChannel(user.id, communityId, session.channelId.toHexString())
      : await deps.access.standing(user.id, communityId);
    if (!standing) throw missing();
  }
  if ((await deps.redis.sismember(deps.keys.session(sessionId).blocked, user.id)) === 1)
    throw new HttpError('forbidden', 'a host removed you from this session');
  return session;
}

/** The session, if the caller hosts it (403 when they may only see it). */
export async function hostedSession(
  deps: SessionAccessDeps,
  user: AuthUser,
  sessionId: string,
): Promise<SessionDoc> {
  const session = await viewableSession(deps, user, sessionId);
  if (!(await isHost(deps, user, session))) throw new HttpError('forbidden', 'only the hosts may do that');
  return session;
}
