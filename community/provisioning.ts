// Communities as a service: creating one from a template, archiving it and erasing it. One
// implementation for the service API (community/api/service-*.routes.ts) and the CLI
// (`hub community`). Every change is announced on the control bus, so every node drops what it
// cached about the community at once.
import { memberModel } from '../storage/models/member.model.js';
import { appendAudit } from '../storage/repositories/audit.js';
import { createChannel } from '../storage/repositories/channels.js';
import {
  communityChannelIds,
  eraseChannelDocuments,
  eraseCommunityDocuments,
  type CommunityErasureCounts,
} from '../storage/repositories/community-erasure.js';
import { createCommunity, getCommunity, updateCommunity } from '../storage/repositories/communities.js';
import { notFound } from '../storage/repositories/errors.js';
import { addMember } from '../storage/repositories/members.js';
import type { ChannelDoc, CommunityDoc, RoleDoc } from '../storage/repositories/types.js';
import { forgetTopics } from '../storage/topic-erasure.js';
import { Types } from 'mongoose';
import { chatMessageModel } from '../storage/models/chat-message.model.js';
import { communityTopics } from './membership.js';
import { DEFAULT_ROLES } from './permissions/default-roles.js';
import type { ProvisioningDeps } from './provisioning-deps.js';
import { chanTopic, chanTopicPrefix, modsTopic, timelineTopic } from '../protocol/index.js';

export type { CommunityEraser, ProvisioningDeps } from './provisioning-deps.js';

export const TEMPLATES = ['default'] as const;
export type Template = (typeof TEMPLATES)[number];

export interface NewServiceCommunity {
  slug: string;
  name: string;
  description?: string;
  /** The marketplace user who owns it: a member holding the admin role from the start. */
  ownerId: string;
  ownerName?: string;
  template?: Template;
}

export interface Provisioned {
  community: CommunityDoc;
  roles: RoleDoc[];
  channels: ChannelDoc[];
}

/**
 * The "default" template: @everyone, the marketplace roles (member, host, agent, moderator,
 * admin: community/permissions/default-roles.ts) and the channels general and announcements.
 */
const DEFAULT_CHANNELS = [
  { kind: 'text', name: 'general', topic: 'Say hello.' },
  { kind: 'announcement', name: 'announcements', topic: 'News from the team.' },
] as const;

/** Creates a community from a template; `conflict` when the slug is taken. */
export async function provisionCommunity(
  deps: ProvisioningDeps,
  input: NewServiceCommunity,
): Promise<Provisioned> {
  const { connection } = deps;
  const { community, roles } = await createCommunity(
    connection,
    { slug: input.slug, name: input.name, description: input.description ?? '', ownerId: input.ownerId },
    DEFAULT_ROLES,
  );
  const channels: ChannelDoc[] = [];
  for (const [position, channel] of DEFAULT_CHANNELS.entries()) {
    channels.push(
      await createChannel(connection, {
        ...channel,
        communityId: community._id,
        position,
        createdBy: input.ownerId,
      }),
    );
  }
  const admin = roles.find((r) => r.key === 'admin');
  await addMember(connection, {
    communityId: community._id,
    userId: input.ownerId,
    displayName: input.ownerName ?? input.ownerId,
    roleIds: admin ? [admin._id] : [],
  });
  return { community, roles, channels };
}

/** Archives a community (read-only for members) or lifts the archive; the community after. */
export async function setArchived(
  deps: ProvisioningDeps,
  communityId: string,
  archived: boolean,
): Promise<CommunityDoc> {
  const community = await updateCommunity(deps.connection, communityId, {
    archivedAt: archived ? new Date() : null,
  });
  await deps.control.send({ op: 'invalidate', communityId });
  return community;
}

export interface CommunityErasure extends CommunityErasureCounts {
  /** Redis keys deleted. */
  redisKeys: number;
}

/**
 * Erases a community and everything of it: members lose their subscriptions at once, then its
 * documents, stored publications, Redis keys and what the features built on it keep go. The
 * system audit log records who deleted which community and when, and nothing of its content.
 * Safe to run again after a failure part-way (the community record is removed last).
 */
export async function eraseCommunity(
  deps: ProvisioningDeps,
  communityId: string,
  actorId: string,
): Promise<CommunityErasure> {
  const { connection } = deps;
  const community = await getCommunity(connection, communityId);
  if (!community) throw notFound('community');
  // Read-only first, so nothing new is written while it is taken apart.
  await setArchived(deps, communityId, true);
  const members = await memberModel(connection)
    .find({ communityId: community._id, leftAt: null }, { userId: 1 })
    .lean();
  for (const { userId } of members) {
    await deps.control.send({
      op: 'drop',
      userId,
      topicPrefixes: communityTopics(communityId),
      code: 'not_found',
    });
  }
  const channelIds = await communityChannelIds(connection, communityId);
  const topics = [
    ...channelIds.map((id) => chanTopic(communityId, id)),
    timelineTopic(communityId),
    modsTopic(communityId),
  ];
  for (const eraser of deps.erasers) await eraser(communityId);
  // A message is its channel's log row: counted before the log goes.
  const messages = await chatMessageModel(connection).countDocuments({
    channelId: { $in: channelIds.map((id) => new Types.ObjectId(id)) },
  });
  const everything = Number.MAX_SAFE_INTEGER;
  await deps.store.expire(chanTopicPrefix(communityId), everything, 'delete');
  await deps.store.expire(timelineTopic(communityId), everything, 'delete');
  await deps.store.expire(modsTopic(communityId), everything, 'delete');
  const redisKeys = await forgetTopics(deps.redis, deps.keyPrefix, topics);
  const counts = await eraseCommunityDocuments(connection, communityId);
  await appendAudit(connection, {
    communityId: null,
    actorId,
    action: 'community.delete',
    target: { type: 'community', id: communityId },
  });
  await deps.control.send({ op: 'invalidate', communityId });
  return { ...counts, messages, redisKeys };
}

/** Erases a channel of a community with its threads, their messages, stored publications and keys. */
export async function eraseChannel(
  deps: ProvisioningDeps,
  communityId: string,
  channelId: string,
): Promise<void> {
  const erased = await eraseChannelDocuments(deps.connection, channelId);
  const topics = erased.map((id) => chanTopic(communityId, id));
  for (const topic of topics) await deps.store.expire(topic, Number.MAX_SAFE_INTEGER, 'delete');
  await forgetTopics(deps.redis, deps.keyPrefix, topics);
  await deps.control.send({ op: 'invalidate', communityId });
}
