// The service API's memberships (service tokens only): the marketplace declares who is a member
// of a community with which roles, one at a time or up to 1,000 in one call, and removes members
// (their live subscriptions end at once, as for a kick). Roles are named by key (`member`,
// `moderator`...) or by id; @everyone is implicit. A member's `picture` is checked as the token's
// claim is (https, 2,048 characters at most), but refused rather than dropped.
import { z } from 'zod';
import { isPictureUrl, type AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { MAX_MEMBER_UPSERTS, upsertMembers } from '../../storage/repositories/member-upserts.js';
import { removeMember } from '../../storage/repositories/members.js';
import { listRoles } from '../../storage/repositories/roles.js';
import { communityTopics } from '../membership.js';
import {
  communityChanged,
  objectId,
  publishEvent,
  repo,
  userIdSchema,
  type CommunityApiDeps,
} from './support.js';
import { timelineTopic } from '../../protocol/index.js';
import { serviceMembersExamples } from './service-members.examples.js';

const roleRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a role key or id');
const upsertFields = {
  roles: z.array(roleRef).max(20),
  name: z.string().trim().min(1).max(100).optional(),
  /** Their profile picture; null removes it; absent keeps the stored one. */
  picture: z
    .string()
    .refine(isPictureUrl, 'must be an https URL of at most 2,048 characters')
    .nullable()
    .optional(),
};
const outcome = z.enum(['created', 'updated', 'banned']);
const callers = 'services' as const;
const tags = ['service'];

export function serviceMemberRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  const upsert = async (
    communityId: string,
    items: { userId: string; roles: string[]; name?: string; picture?: string | null }[],
  ) => {
    const roleIdOf = await roleResolver(deps, communityId);
    const results = await repo(
      upsertMembers(
        deps.connection,
        communityId,
        items.map((i) => ({
          userId: i.userId,
          displayName: i.name,
          picture: i.picture,
          roleIds: i.roles.map(roleIdOf),
        })),
      ),
    );
    await communityChanged(deps, communityId);
    const names = new Map(items.map((i) => [i.userId, i.name ?? null]));
    await Promise.all(
      results
        .filter((r) => r.outcome === 'created')
        .map(({ userId }) =>
          deps.events.emit('member.joined', communityId, {
            userId,
            name: names.get(userId) ?? null,
            via: 'service',
          }),
        ),
    );
    return results;
  };

  return [
    defineRoute({
      method: 'put',
      path: '/api/v1/communities/:communityId/members/:userId',
      operationId: 'upsertMember',
      summary:
        'Make a user a member holding exactly these roles (idempotent; a banned user is not added) (service)',
      tags,
      callers,
      params: z.strictObject({ communityId: objectId, userId: userIdSchema }),
      body: z.strictObject(upsertFields),
      response: z.object({ userId: z.string(), outcome }),
      examples: serviceMembersExamples.upsertMember,
      handler: async ({ params, body }) => {
        const [result] = await upsert(params.communityId, [{ userId: params.userId, ...body }]);
        if (!result) throw new Error('upsertMembers returned no result');
        return result;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/members:bulk',
      operationId: 'upsertMembersBulk',
      summary: `Upsert up to ${MAX_MEMBER_UPSERTS} members in one call, as PUT …/members/{userId} does one (service)`,
      tags,
      callers,
      params: z.strictObject({ communityId: objectId }),
      body: z.strictObject({
        members: z
          .array(z.strictObject({ userId: userIdSchema, ...upsertFields }))
          .min(1)
          .max(MAX_MEMBER_UPSERTS),
      }),
      response: z.object({ items: z.array(z.object({ userId: z.string(), outcome })) }),
      examples: serviceMembersExamples.upsertMembersBulk,
      handler: async ({ params, body }) => ({ items: await upsert(params.communityId, body.members) }),
    }),
    defineRoute({
      method: 'del',
      path: '/api/v1/communities/:communityId/members/:userId',
      operationId: 'removeMember',
      summary: 'Remove a member; their live subscriptions to the community end at once (service)',
      tags,
      callers,
      params: z.strictObject({ communityId: objectId, userId: userIdSchema }),
      response: z.object({ removed: z.boolean() }),
      examples: serviceMembersExamples.removeMember,
      handler: async ({ user, params }) => {
        const removed = await repo(removeMember(deps.connection, params.communityId, params.userId));
        if (removed) {
          await deps.events.emit('member.left', params.communityId, {
            userId: params.userId,
            reason: 'removed',
            by: user.id,
          });
          await afterRemoval(deps, user, params.communityId, params.userId);
        }
        return { removed };
      },
    }),
  ];
}

/** Turns role keys and ids into the community's role ids; unknown ones and @everyone are refused. */
async function roleResolver(deps: CommunityApiDeps, communityId: string): Promise<(ref: string) => string> {
  const roles = await repo(listRoles(deps.connection, communityId));
  const byRef = new Map<string, string>();
  for (const role of roles) {
    if (role.key === 'everyone') continue;
    const id = role._id.toHexString();
    byRef.set(id, id);
    if (role.key) byRef.set(role.key, id);
  }
  return (ref) => {
    const id = byRef.get(ref);
    if (!id) throw new HttpError('validation_failed', `not a role of this community: ${ref}`);
    return id;
  };
}

async function afterRemoval(deps: CommunityApiDeps, by: AuthUser, communityId: string, userId: string) {
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
    `member.removed-${userId}-${Date.now()}`,
    {
      kind: 'member.removed',
      userId,
    },
    by,
  );
}
