// Membership actions on a member of a community: timeout, kick, ban. One implementation for the
// REST routes and for moderators' decisions on cases; each takes effect on every node at once
// (cached permissions dropped, live subscriptions ended) and lands on the community's timeline.
// Authorization: the actor must hold MODERATE_MEMBERS and outrank the target.
import type { AuthUser } from '../realtime/auth/token-verifier.js';
import { HttpError } from '../realtime/transport/http.js';
import { banMember, removeMember, setMemberTimeout } from '../storage/repositories/members.js';
import { rankOf } from './access.js';
import {
  communityChanged,
  publishEvent,
  repo,
  requireMember,
  requirePermission,
  type CommunityApiDeps,
} from './api/support.js';
import { Permission } from './permissions/permissions.js';
import { chanTopicPrefix, modsTopic, timelineTopic } from '../protocol/index.js';

/** Every topic of a community, as prefixes: what a member who leaves or is removed loses. */
export function communityTopics(communityId: string): string[] {
  return [chanTopicPrefix(communityId), timelineTopic(communityId), modsTopic(communityId)];
}

/** Discord's limit on timeouts. */
export const MAX_TIMEOUT_S = 28 * 24 * 3600;

export async function authorizeModeration(
  deps: CommunityApiDeps,
  actor: AuthUser,
  communityId: string,
  userId: string,
): Promise<void> {
  const standing = await requireMember(deps, actor, communityId);
  requirePermission(standing.base, Permission.MODERATE_MEMBERS, 'moderate members');
  if (userId === actor.id) throw new HttpError('forbidden', 'you may not act on yourself');
  const target = await deps.access.standing(userId, communityId);
  if (target && rankOf(target) >= rankOf(standing)) {
    throw new HttpError('forbidden', 'you may not act on a member whose role is not below yours');
  }
}

/** Sets or lifts (0 s) a timeout; returns its end (ms) or null. */
export async function timeoutMember(
  deps: CommunityApiDeps,
  actor: AuthUser,
  communityId: string,
  userId: string,
  durationS: number,
): Promise<number | null> {
  await authorizeModeration(deps, actor, communityId, userId);
  return applyTimeout(deps, communityId, userId, durationS);
}

/**
 * Times a member out (0 lifts it) without an actor's permission check: for the hub's own rules
 * (AutoMod), whose right to act the community's configuration gave. Every node learns of it at
 * once, so the next send is refused wherever the member is connected.
 */
export async function applyTimeout(
  deps: CommunityApiDeps,
  communityId: string,
  userId: string,
  durationS: number,
): Promise<number | null> {
  const until = durationS > 0 ? new Date(Date.now() + Math.min(durationS, MAX_TIMEOUT_S) * 1000) : null;
  if (!(await repo(setMemberTimeout(deps.connection, communityId, userId, until))))
    throw new HttpError('not_found', 'no such member');
  await communityChanged(deps, communityId);
  return until?.getTime() ?? null;
}

export async function kickMember(
  deps: CommunityApiDeps,
  actor: AuthUser,
  communityId: string,
  userId: string,
  reason: string,
): Promise<void> {
  await authorizeModeration(deps, actor, communityId, userId);
  if (!(await repo(removeMember(deps.connection, communityId, userId))))
    throw new HttpError('not_found', 'no such member');
  await deps.events.emit('member.left', communityId, { userId, reason: 'kicked', by: actor.id });
  await afterRemoval(deps, actor, communityId, userId, { kind: 'member.kicked', userId, reason });
}

export async function banUser(
  deps: CommunityApiDeps,
  actor: AuthUser,
  communityId: string,
  userId: string,
  reason: string,
): Promise<void> {
  await authorizeModeration(deps, actor, communityId, userId);
  const { removed } = await repo(
    banMember(deps.connection, { communityId, userId, reason, bannedBy: actor.id }),
  );
  if (removed) await deps.events.emit('member.left', communityId, { userId, reason: 'banned', by: actor.id });
  await afterRemoval(deps, actor, communityId, userId, { kind: 'member.banned', userId, reason });
}

async function afterRemoval(
  deps: CommunityApiDeps,
  actor: AuthUser,
  communityId: string,
  userId: string,
  event: object,
): Promise<void> {
  await communityChanged(deps, communityId);
  await deps.control.send({
    op: 'drop',
    userId,
    topicPrefixes: communityTopics(communityId),
    code: 'forbidden',
  });
  await publishEvent(
    deps,
    timelineTopic(communityId),
    `${(event as { kind: string }).kind}-${userId}-${Date.now()}`,
    event,
    actor,
  );
}
