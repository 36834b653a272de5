// Membership actions of moderators: timeout, kick, ban, unban. Each takes effect on live
// connections at once, on every node: cached permissions are dropped everywhere (so a timed-out
// member's next send is refused), and a removed member's subscriptions end.
import { z } from 'zod';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import {
  banMember,
  removeMember,
  setMemberTimeout,
  unbanMember,
} from '../../storage/repositories/members.js';
import { rankOf } from '../access.js';
import { Permission } from '../permissions/permissions.js';
import { communityTopics } from './communities.routes.js';
import {
  communityChanged,
  objectId,
  publishEvent,
  repo,
  requireMember,
  requirePermission,
  userIdSchema,
  type CommunityApiDeps,
} from './support.js';

/** Discord's limit on timeouts. */
export const MAX_TIMEOUT_S = 28 * 24 * 3600;

const target = z.strictObject({ communityId: objectId, userId: userIdSchema });
const reason = z.string().trim().max(512).default('');
const done = z.object({ ok: z.literal(true) });

/** The actor must moderate members and outrank the target (who must not be themselves). */
async function authorize(
  deps: CommunityApiDeps,
  actor: AuthUser,
  communityId: string,
  userId: string,
): Promise<void> {
  const standing = await requireMember(deps, actor, communityId);
  requirePermission(standing.base, Permission.MODERATE_MEMBERS, 'moderate members');
  if (userId === actor.id) throw new HttpError('forbidden', 'you may not act on yourself');
  const targetStanding = await deps.access.standing(userId, communityId);
  if (targetStanding && rankOf(targetStanding) >= rankOf(standing)) {
    throw new HttpError('forbidden', 'you may not act on a member whose role is not below yours');
  }
}

export function memberRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  const timeline = (communityId: string, key: string, data: object, by: AuthUser) =>
    publishEvent(deps, `timeline:${communityId}`, key, data, by);
  const removeLive = (communityId: string, userId: string) =>
    deps.control.send({ op: 'drop', userId, topicPrefixes: communityTopics(communityId), code: 'forbidden' });

  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/members/:userId/timeout',
      operationId: 'timeoutMember',
      summary: 'Stop a member from sending, reacting and speaking until a time (0 seconds lifts it)',
      tags: ['moderation'],
      params: target,
      body: z.strictObject({ durationS: z.number().int().min(0).max(MAX_TIMEOUT_S), reason }),
      response: z.object({ ok: z.literal(true), until: z.number().nullable() }),
      handler: async ({ user, params, body }) => {
        await authorize(deps, user, params.communityId, params.userId);
        const until = body.durationS > 0 ? new Date(Date.now() + body.durationS * 1000) : null;
        if (!(await repo(setMemberTimeout(deps.connection, params.communityId, params.userId, until)))) {
          throw new HttpError('not_found', 'no such member');
        }
        await communityChanged(deps, params.communityId);
        return { ok: true as const, until: until?.getTime() ?? null };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/members/:userId/kick',
      operationId: 'kickMember',
      summary: 'Remove a member (they may join again)',
      tags: ['moderation'],
      params: target,
      body: z.strictObject({ reason }),
      response: done,
      handler: async ({ user, params, body }) => {
        await authorize(deps, user, params.communityId, params.userId);
        if (!(await repo(removeMember(deps.connection, params.communityId, params.userId)))) {
          throw new HttpError('not_found', 'no such member');
        }
        await communityChanged(deps, params.communityId);
        await removeLive(params.communityId, params.userId);
        await timeline(
          params.communityId,
          `kick-${params.userId}-${Date.now()}`,
          { kind: 'member.kicked', userId: params.userId, reason: body.reason },
          user,
        );
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/members/:userId/ban',
      operationId: 'banMember',
      summary: 'Ban a user: their membership ends and they may not join again',
      tags: ['moderation'],
      params: target,
      body: z.strictObject({ reason }),
      response: done,
      handler: async ({ user, params, body }) => {
        await authorize(deps, user, params.communityId, params.userId);
        await repo(
          banMember(deps.connection, {
            communityId: params.communityId,
            userId: params.userId,
            reason: body.reason,
            bannedBy: user.id,
          }),
        );
        await communityChanged(deps, params.communityId);
        await removeLive(params.communityId, params.userId);
        await timeline(
          params.communityId,
          `ban-${params.userId}-${Date.now()}`,
          { kind: 'member.banned', userId: params.userId, reason: body.reason },
          user,
        );
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'del',
      path: '/api/v1/communities/:communityId/members/:userId/ban',
      operationId: 'unbanMember',
      summary: 'Lift a ban',
      tags: ['moderation'],
      params: target,
      response: done,
      handler: async ({ user, params }) => {
        const standing = await requireMember(deps, user, params.communityId);
        requirePermission(standing.base, Permission.MODERATE_MEMBERS, 'moderate members');
        if (!(await repo(unbanMember(deps.connection, params.communityId, params.userId)))) {
          throw new HttpError('not_found', 'no such ban');
        }
        await communityChanged(deps, params.communityId);
        return { ok: true as const };
      },
    }),
  ];
}
