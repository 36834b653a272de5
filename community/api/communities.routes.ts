// Communities: the caller's list, one by its slug, joining and leaving.
import type { Types } from 'mongoose';
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { communityModel } from '../../storage/models/community.model.js';
import { memberModel } from '../../storage/models/member.model.js';
import { addMember, getMember, removeMember } from '../../storage/repositories/members.js';
import { getRoleByKey } from '../../storage/repositories/roles.js';
import { communityTopics } from '../membership.js';
import { roleKeysFor } from '../permissions/default-roles.js';
import { permissionNames } from '../permissions/permissions.js';
import {
  communityChanged,
  objectId,
  publishEvent,
  repo,
  requireMember,
  type CommunityApiDeps,
} from './support.js';
import { timelineTopic } from '../../protocol/index.js';
import { communitiesExamples } from './communities.examples.js';

const communitySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  member: z.boolean(),
  /** The caller's permissions in the community, by name (empty when not a member). */
  permissions: z.array(z.string()),
});

export function communityRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  const view = async (
    doc: { _id: Types.ObjectId; slug: string; name: string; description?: string | null },
    userId: string,
  ) => {
    const standing = await deps.access.standing(userId, doc._id.toHexString());
    return {
      id: doc._id.toHexString(),
      slug: doc.slug,
      name: doc.name,
      description: doc.description ?? '',
      member: standing !== null,
      permissions: standing ? permissionNames(standing.base) : [],
    };
  };

  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/communities',
      operationId: 'listMyCommunities',
      summary: 'The communities the caller is a member of',
      tags: ['communities'],
      response: z.object({ items: z.array(communitySchema) }),
      examples: communitiesExamples.listMyCommunities,
      handler: async ({ user }) => {
        const memberships = await memberModel(deps.connection)
          .find({ userId: user.id, leftAt: null }, { communityId: 1 })
          .lean();
        const docs = await communityModel(deps.connection)
          .find({ _id: { $in: memberships.map((m) => m.communityId) } })
          .sort({ name: 1 })
          .lean();
        return { items: await Promise.all(docs.map((d) => view(d, user.id))) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/by-slug/:slug',
      operationId: 'getCommunityBySlug',
      summary: 'A community by its slug (what widgets are configured with)',
      tags: ['communities'],
      params: z.strictObject({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a slug') }),
      response: communitySchema,
      examples: communitiesExamples.getCommunityBySlug,
      handler: async ({ user, params }) => {
        const doc = await communityModel(deps.connection).findOne({ slug: params.slug }).lean();
        if (!doc) throw new HttpError('not_found', 'no such community');
        return view(doc, user.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/join',
      operationId: 'joinCommunity',
      summary:
        'Join a community, with the roles of the caller’s marketplace roles and those its role mapping grants them',
      tags: ['communities'],
      params: z.strictObject({ communityId: objectId }),
      response: communitySchema,
      examples: communitiesExamples.joinCommunity,
      handler: async ({ user, params }) => {
        const roles = await Promise.all(
          roleKeysFor(user.roles).map((key) => getRoleByKey(deps.connection, params.communityId, key)),
        );
        const community = await communityModel(deps.connection)
          .findById(params.communityId, { roleMapping: 1 })
          .lean();
        // The community's own mapping adds roles for any marketplace role (e.g. provider).
        const mapped = (community?.roleMapping ?? [])
          .filter((m) => user.roles.includes(m.marketplaceRole))
          .flatMap((m) => m.roleIds);
        const wasMember = Boolean(await getMember(deps.connection, params.communityId, user.id));
        await repo(
          addMember(deps.connection, {
            communityId: params.communityId,
            userId: user.id,
            displayName: user.name,
            picture: user.picture ?? null,
            roleIds: [...roles.flatMap((r) => (r ? [r._id] : [])), ...mapped],
          }),
        );
        await communityChanged(deps, params.communityId);
        if (!wasMember) {
          await deps.events.emit('member.joined', params.communityId, {
            userId: user.id,
            name: user.name,
            via: 'join',
          });
        }
        await publishEvent(
          deps,
          timelineTopic(params.communityId),
          `join-${user.id}-${Date.now()}`,
          { kind: 'member.joined', userId: user.id, name: user.name },
          user,
        );
        const doc = await communityModel(deps.connection).findById(params.communityId).lean();
        if (!doc) throw new Error('community vanished while joining');
        return view(doc, user.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/leave',
      operationId: 'leaveCommunity',
      summary: 'Leave a community; the caller’s live subscriptions to it end at once',
      tags: ['communities'],
      params: z.strictObject({ communityId: objectId }),
      status: 204,
      response: z.undefined(),
      examples: communitiesExamples.leaveCommunity,
      handler: async ({ user, params }) => {
        await requireMember(deps, user, params.communityId);
        if (await repo(removeMember(deps.connection, params.communityId, user.id))) {
          await deps.events.emit('member.left', params.communityId, {
            userId: user.id,
            reason: 'left',
            by: user.id,
          });
        }
        await communityChanged(deps, params.communityId);
        await deps.control.send({
          op: 'drop',
          userId: user.id,
          topicPrefixes: communityTopics(params.communityId),
          code: 'forbidden',
        });
        return undefined;
      },
    }),
  ];
}
