// Channels: the ones the caller can see (with unread and mention counts in one request),
// creating and changing them, read states synced to the user's other devices, direct messages.
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { MAX_SLOWMODE_S } from '../../storage/models/channel.model.js';
import { createChannel, findOrCreateDm, updateChannel } from '../../storage/repositories/channels.js';
import { getReadStates, setLastRead, unreadCounts } from '../../storage/repositories/read-states.js';
import { eraseChannel } from '../provisioning.js';
import type { UserEvent } from '../chat/message-data.js';
import { permissionNames, Permission } from '../permissions/permissions.js';
import {
  communityChanged,
  objectId,
  publishEvent,
  repo,
  requireChannel,
  requireMember,
  requirePermission,
  userIdSchema,
  type CommunityApiDeps,
} from './support.js';
import { chanTopic, userTopic } from '../../protocol/index.js';
import { channelsExamples } from './channels.examples.js';

const channelSchema = z.object({
  id: z.string(),
  /** The gateway topic to subscribe to. */
  topic: z.string(),
  kind: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  position: z.number(),
  private: z.boolean(),
  slowmodeS: z.number(),
  archived: z.boolean(),
  /** The caller's permissions in this channel, by name. */
  permissions: z.array(z.string()),
});

const overwriteSchema = z.strictObject({
  targetType: z.enum(['role', 'member']),
  targetId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  allow: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  deny: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
});

const COMMUNITY_KINDS = ['category', 'text', 'announcement', 'voice', 'stage', 'support'] as const;

export function channelRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/channels',
      operationId: 'listChannels',
      summary: 'The channels of a community the caller may view, in order (categories first in their groups)',
      tags: ['channels'],
      params: z.strictObject({ communityId: objectId }),
      response: z.object({ items: z.array(channelSchema) }),
      examples: channelsExamples.listChannels,
      handler: async ({ user, params }) => {
        await requireMember(deps, user, params.communityId);
        const visible = await deps.access.visibleChannels(user.id, params.communityId);
        return {
          items: visible.map(({ channel, bits }) => ({
            id: channel.id,
            topic: chanTopic(params.communityId, channel.id),
            kind: channel.kind,
            name: channel.name,
            parentId: channel.parentId,
            position: channel.position,
            private: channel.private,
            slowmodeS: channel.slowmodeS,
            archived: channel.archived,
            permissions: permissionNames(bits),
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/unread',
      operationId: 'unreadCounts',
      summary: 'Unread and mention counts, and the last-read offset, of every channel the caller may view',
      tags: ['read-states'],
      params: z.strictObject({ communityId: objectId }),
      response: z.object({
        items: z.array(
          z.object({
            channelId: z.string(),
            unread: z.number(),
            mentions: z.number(),
            lastReadOffset: z.number(),
          }),
        ),
      }),
      examples: channelsExamples.unreadCounts,
      handler: async ({ user, params }) => {
        const standing = await requireMember(deps, user, params.communityId);
        const channelIds = (await deps.access.visibleChannels(user.id, params.communityId))
          .filter(({ channel }) => channel.kind !== 'category')
          .map(({ channel }) => channel.id);
        const [counts, states] = await Promise.all([
          unreadCounts(deps.connection, { userId: user.id, channelIds, roleIds: standing.member.roleIds }),
          getReadStates(deps.connection, user.id, channelIds),
        ]);
        const lastRead = new Map(states.map((s) => [s.channelId.toHexString(), s.lastReadOffset]));
        return {
          items: channelIds.map((channelId) => ({
            channelId,
            unread: counts[channelId]?.unread ?? 0,
            mentions: counts[channelId]?.mentions ?? 0,
            lastReadOffset: lastRead.get(channelId) ?? 0,
          })),
        };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/channels/:channelId/read',
      operationId: 'markRead',
      summary: 'Move the caller’s read position forward; their other devices hear of it live',
      tags: ['read-states'],
      params: z.strictObject({ channelId: objectId }),
      body: z.strictObject({ offset: z.number().int().min(1) }),
      response: z.object({ lastReadOffset: z.number() }),
      examples: channelsExamples.markRead,
      handler: async ({ user, params, body }) => {
        const channel = await requireChannel(deps, user, params.channelId);
        const lastReadOffset = await repo(
          setLastRead(deps.connection, user.id, params.channelId, body.offset),
        );
        const event: UserEvent = { kind: 'read', channel: channel.topic, offset: lastReadOffset };
        await publishEvent(
          deps,
          userTopic(user.id),
          `read-${params.channelId}-${lastReadOffset}`,
          event,
          user,
        );
        return { lastReadOffset };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/channels',
      operationId: 'createChannel',
      summary: 'Create a channel or a category (MANAGE_CHANNELS)',
      tags: ['channels'],
      params: z.strictObject({ communityId: objectId }),
      body: z.strictObject({
        kind: z.enum(COMMUNITY_KINDS),
        name: z.string().trim().min(1).max(100),
        topic: z.string().max(1_024).optional(),
        parentId: objectId.optional(),
        position: z.number().int().min(0).optional(),
        private: z.boolean().optional(),
        overwrites: z.array(overwriteSchema).max(100).optional(),
        slowmodeS: z.number().int().min(0).max(MAX_SLOWMODE_S).optional(),
      }),
      status: 201,
      response: z.object({ id: z.string(), topic: z.string() }),
      examples: channelsExamples.createChannel,
      handler: async ({ user, params, body }) => {
        const standing = await requireMember(deps, user, params.communityId);
        requirePermission(standing.base, Permission.MANAGE_CHANNELS, 'manage channels');
        const created = await repo(
          createChannel(deps.connection, { ...body, communityId: params.communityId, createdBy: user.id }),
        );
        await communityChanged(deps, params.communityId);
        const id = created._id.toHexString();
        return { id, topic: chanTopic(params.communityId, id) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/channels/:channelId',
      operationId: 'updateChannel',
      summary:
        'Rename, move (position, or under a category by parentId), archive, set slowmode or permission overwrites (MANAGE_CHANNELS, or a service)',
      tags: ['channels'],
      callers: 'users-and-services',
      params: z.strictObject({ channelId: objectId }),
      body: z.strictObject({
        name: z.string().trim().min(1).max(100).optional(),
        topic: z.string().max(1_024).optional(),
        position: z.number().int().min(0).optional(),
        private: z.boolean().optional(),
        overwrites: z.array(overwriteSchema).max(100).optional(),
        slowmodeS: z.number().int().min(0).max(MAX_SLOWMODE_S).optional(),
        archived: z.boolean().optional(),
        /** A category of the same community to move the channel under; null takes it out. */
        parentId: objectId.nullable().optional(),
      }),
      response: z.object({ ok: z.literal(true) }),
      examples: channelsExamples.updateChannel,
      handler: async ({ user, params, body }) => {
        let communityId: string;
        if (user.service) {
          const home = await deps.access.directory.communityOf(params.channelId);
          if (home === undefined) throw new HttpError('not_found', 'no such channel');
          if (home === null) throw new HttpError('bad_request', 'direct conversations have no settings');
          communityId = home;
        } else {
          const channel = await requireChannel(deps, user, params.channelId);
          if (channel.direct || !channel.standing)
            throw new HttpError('bad_request', 'direct conversations have no settings');
          requirePermission(channel.standing.bits, Permission.MANAGE_CHANNELS, 'manage this channel');
          communityId = channel.standing.community.id;
        }
        await repo(updateChannel(deps.connection, params.channelId, body));
        await communityChanged(deps, communityId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'del',
      path: '/api/v1/channels/:channelId',
      operationId: 'deleteChannel',
      summary: 'Delete a channel with its threads and messages (MANAGE_CHANNELS, or a service)',
      tags: ['channels'],
      callers: 'users-and-services',
      params: z.strictObject({ channelId: objectId }),
      response: z.object({ ok: z.literal(true) }),
      examples: channelsExamples.deleteChannel,
      handler: async ({ user, params }) => {
        const communityId = await deps.access.directory.communityOf(params.channelId);
        if (!communityId) throw new HttpError('not_found', 'no such channel');
        if (!user.service) {
          const channel = await requireChannel(deps, user, params.channelId);
          requirePermission(channel.standing?.bits ?? 0, Permission.MANAGE_CHANNELS, 'manage this channel');
        }
        await repo(eraseChannel(deps.provisioning, communityId, params.channelId));
        await communityChanged(deps, communityId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/dms',
      operationId: 'openDirectMessage',
      summary:
        'The direct conversation with another user (created on first use), or a new group conversation',
      tags: ['channels'],
      body: z.union([
        z.strictObject({ userId: userIdSchema }),
        z.strictObject({
          userIds: z.array(userIdSchema).min(2).max(9),
          name: z.string().trim().max(100).default(''),
        }),
      ]),
      response: z.object({ channelId: z.string(), topic: z.string(), created: z.boolean() }),
      examples: channelsExamples.openDirectMessage,
      handler: async ({ user, body }) => {
        if ('userId' in body) {
          if (body.userId === user.id)
            throw new HttpError('bad_request', 'a conversation needs someone else');
          const { channel, created } = await repo(findOrCreateDm(deps.connection, user.id, body.userId));
          const channelId = channel._id.toHexString();
          return { channelId, topic: chanTopic(null, channelId), created };
        }
        const participantIds = [...new Set([user.id, ...body.userIds])];
        if (participantIds.length < 3)
          throw new HttpError('bad_request', 'a group needs at least two others');
        const channel = await repo(
          createChannel(deps.connection, {
            kind: 'group_dm',
            name: body.name,
            participantIds,
            createdBy: user.id,
          }),
        );
        const channelId = channel._id.toHexString();
        return { channelId, topic: chanTopic(null, channelId), created: true };
      },
    }),
  ];
}
