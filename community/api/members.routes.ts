// Membership actions of moderators: timeout, kick, ban, unban. Each takes effect on live
// connections at once, on every node: cached permissions are dropped everywhere (so a timed-out
// member's next send is refused), and a removed member's subscriptions end.
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { unbanMember } from '../../storage/repositories/members.js';
import { banUser, kickMember, MAX_TIMEOUT_S, timeoutMember } from '../membership.js';
import { Permission } from '../permissions/permissions.js';
import {
  communityChanged,
  objectId,
  repo,
  requireMember,
  requirePermission,
  userIdSchema,
  type CommunityApiDeps,
} from './support.js';
import { membersExamples } from './members.examples.js';

const target = z.strictObject({ communityId: objectId, userId: userIdSchema });
const reason = z.string().trim().max(512).default('');
const done = z.object({ ok: z.literal(true) });

export function memberRoutes(deps: CommunityApiDeps): RouteDefinition[] {
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
      examples: membersExamples.timeoutMember,
      handler: async ({ user, params, body }) => {
        const until = await timeoutMember(deps, user, params.communityId, params.userId, body.durationS);
        return { ok: true as const, until };
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
      examples: membersExamples.kickMember,
      handler: async ({ user, params, body }) => {
        await kickMember(deps, user, params.communityId, params.userId, body.reason);
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
      examples: membersExamples.banMember,
      handler: async ({ user, params, body }) => {
        await banUser(deps, user, params.communityId, params.userId, body.reason);
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
      examples: membersExamples.unbanMember,
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
