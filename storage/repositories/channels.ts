// Channels: community channels in categories, threads, direct messages.
import type { Connection, Types } from 'mongoose';
import { channelModel, dmKeyOf, type ChannelKind } from '../models/channel.model.js';
import { chatMessageModel } from '../models/chat-message.model.js';
import { communityModel } from '../models/community.model.js';
import { isDuplicateKey, notFound, oid, RepositoryError, userId, validated, type Id } from './errors.js';
import { onMessage } from './messages.js';
import { withDocumentLock } from './document-lock.js';
import type { ChannelDoc, OverwriteDoc } from './types.js';

/** Kinds that live directly in a community, optionally in a category. */
const COMMUNITY_KINDS: readonly ChannelKind[] = ['text', 'announcement', 'voice', 'stage', 'support'];
/** Kinds a thread may start from: those whose messages people discuss. */
const THREAD_PARENTS: readonly ChannelKind[] = ['text', 'announcement', 'support'];
/** Participants of a group DM, creator included, as Discord. */
export const MAX_GROUP_DM = 10;

export interface NewChannel {
  kind: Exclude<ChannelKind, 'dm'>;
  /** Required for community kinds and threads; null or absent for a group DM. */
  communityId?: Id | null;
  name: string;
  topic?: string;
  /** A category for community kinds; the parent channel for a thread. */
  parentId?: Id | null;
  position?: number;
  private?: boolean;
  overwrites?: readonly OverwriteDoc[];
  slowmodeS?: number;
  /** A group DM's users, its creator included. */
  participantIds?: readonly string[];
  /** For a thread: the message of the parent channel it starts from. */
  messageId?: Id;
  createdBy: string;
}

const invalid = (message: string) => new RepositoryError('validation_failed', message);

function checkOverwrites(overwrites: readonly OverwriteDoc[]): void {
  const targets = overwrites.map((o) => `${String(o.targetType)}:${String(o.targetId)}`);
  if (new Set(targets).size !== targets.length) throw invalid('two overwrites for one target');
}

/**
 * Creates a channel after checking what its kind requires: a community (that exists) for all but
 * group DMs; for channels a parent that is a category of the same community; for threads a parent
 * that is a live text, announcement or support channel (and, given `messageId`, a message of it not
 * yet threaded, which then records the thread); for group DMs 2 to 10 distinct participants,
 * creator included. DMs between two users are made by findOrCreateDm only.
 */
export async function createChannel(connection: Connection, input: NewChannel): Promise<ChannelDoc> {
  const Channel = channelModel(connection);
  const kind = input.kind;
  const createdBy = userId(input.createdBy, 'createdBy');
  const overwrites = input.overwrites ?? [];
  const participants = [...(input.participantIds ?? [])].map((p) => userId(p, 'participantIds'));
  const parentId = input.parentId == null ? null : oid(input.parentId, 'parentId');
  let communityId: Types.ObjectId | null = null;

  if (kind === 'group_dm') {
    if (input.communityId != null || parentId) throw invalid('a group DM belongs to no community');
    if (overwrites.length > 0) throw invalid('a group DM has no overwrites');
    const distinct = new Set(participants);
    if (distinct.size !== participants.length) throw invalid('duplicate participant');
    if (distinct.size < 2 || distinct.size > MAX_GROUP_DM)
      throw invalid(`a group DM has 2 to ${MAX_GROUP_DM} users`);
    if (!distinct.has(createdBy)) throw invalid('the creator of a group DM is one of its users');
  } else if ((kind as string) === 'dm') {
    throw invalid('DMs are created by findOrCreateDm');
  } else {
    if (input.communityId == null) throw invalid(`a ${kind} channel needs a community`);
    communityId = oid(input.communityId, 'communityId');
    if (participants.length > 0) throw invalid('only DMs have participants');
    if (!input.name.trim()) throw invalid('a community channel needs a name');
    if (!(await communityModel(connection).exists({ _id: communityId }))) throw notFound('community');
  }

  if (kind === 'category' && parentId) throw invalid('a category has no parent');
  if (kind === 'thread' && overwrites.length > 0)
    throw invalid('a thread takes its permissions from its parent');
  if (kind === 'thread' && !parentId) throw invalid('a thread needs its parent channel');
  if (parentId) {
    const parent = await Channel.findById(parentId, { communityId: 1, kind: 1, archivedAt: 1 }).lean();
    if (!parent || !parent.communityId?.equals(communityId ?? undefined))
      throw invalid('unknown parent channel');
    if (kind === 'thread') {
      if (!THREAD_PARENTS.includes(parent.kind))
        throw invalid(`threads cannot start in a ${parent.kind} channel`);
      if (parent.archivedAt) throw invalid('the parent channel is archived');
    } else if (COMMUNITY_KINDS.includes(kind) && parent.kind !== 'category') {
      throw invalid('the parent of a channel is a category');
    }
  }
  if (input.messageId !== undefined && kind !== 'thread')
    throw invalid('only a thread starts from a message');
  checkOverwrites(overwrites);

  const doc = new Channel({
    communityId,
    kind,
    name: input.name,
    topic: input.topic ?? '',
    parentId,
    position: input.position ?? 0,
    private: input.private ?? false,
    overwrites,
    slowmodeS: input.slowmodeS ?? 0,
    participantIds: participants,
    createdBy,
  });
  await validated(doc.validate());

  if (input.messageId === undefined) {
    await doc.save();
    return doc.toObject();
  }
  // Claim the message first: of two threads raced from one message, only one is created.
  const messages = chatMessageModel(connection);
  const messageId = oid(input.messageId, 'messageId');
  const claimed = await onMessage(connection, messageId, () =>
    messages.updateOne(
      { _id: messageId, channelId: parentId, threadId: null, deletedAt: null },
      { $set: { threadId: doc._id } },
    ),
  );
  if (claimed.matchedCount === 0) {
    const message = await messages.exists({ _id: messageId, channelId: parentId });
    if (!message) throw notFound('message');
    throw new RepositoryError('conflict', 'the message is deleted or already has a thread');
  }
  try {
    await doc.save();
  } catch (err) {
    await onMessage(connection, messageId, () =>
      messages.updateOne({ _id: messageId, threadId: doc._id }, { $set: { threadId: null } }),
    );
    throw err;
  }
  return doc.toObject();
}

export async function getChannel(connection: Connection, channelId: Id): Promise<ChannelDoc | null> {
  return channelModel(connection).findById(oid(channelId, 'channelId')).lean<ChannelDoc>();
}

/**
 * A community's channels (threads aside) in display order: channels outside categories first,
 * then each category followed by its channels; within a group by position, then creation.
 */
export async function listChannels(
  connection: Connection,
  communityId: Id,
  options: { includeArchived?: boolean } = {},
): Promise<ChannelDoc[]> {
  const filter = {
    communityId: oid(communityId, 'communityId'),
    kind: { $ne: 'thread' as const },
    ...(options.includeArchived ? {} : { archivedAt: null }),
  };
  const channels = await channelModel(connection)
    .find(filter)
    .sort({ position: 1, _id: 1 })
    .lean<ChannelDoc[]>();
  const categoryPosition = new Map(
    channels.filter((c) => c.kind === 'category').map((c) => [c._id.toHexString(), c.position]),
  );
  const groupOf = (c: ChannelDoc): number =>
    c.kind === 'category'
      ? c.position
      : ((c.parentId && categoryPosition.get(c.parentId.toHexString())) ?? Number.NEGATIVE_INFINITY);
  const categoryOf = (c: ChannelDoc): string =>
    c.kind === 'category' ? c._id.toHexString() : (c.parentId?.toHexString() ?? '');
  // Stable sort over (position, _id): ties between groups are broken by category id.
  return channels
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        groupOf(a.c) - groupOf(b.c) ||
        categoryOf(a.c).localeCompare(categoryOf(b.c)) ||
        Number(b.c.kind === 'category') - Number(a.c.kind === 'category') ||
        a.i - b.i,
    )
    .map(({ c }) => c);
}

/** The threads of a channel, newest first. */
export async function listThreads(
  connection: Connection,
  parentId: Id,
  options: { includeArchived?: boolean } = {},
): Promise<ChannelDoc[]> {
  return channelModel(connection)
    .find({
      parentId: oid(parentId, 'parentId'),
      kind: 'thread',
      ...(options.includeArchived ? {} : { archivedAt: null }),
    })
    .sort({ _id: -1 })
    .lean<ChannelDoc[]>();
}

export interface ChannelPatch {
  name?: string;
  topic?: string;
  position?: number;
  private?: boolean;
  /** Replaces the whole list. */
  overwrites?: readonly OverwriteDoc[];
  slowmodeS?: number;
  /** true archives (keeping the first archive time), false unarchives. */
  archived?: boolean;
  /** Moves a channel under a category of its community, or out of any (null). */
  parentId?: Id | null;
}

/** Applies a patch, validated against the schema and the channel's kind; returns the channel. */
export async function updateChannel(
  connection: Connection,
  channelId: Id,
  patch: ChannelPatch,
): Promise<ChannelDoc> {
  const Channel = channelModel(connection);
  const id = oid(channelId, 'channelId');
  const channel = await Channel.findById(id, { kind: 1, communityId: 1 }).lean();
  if (!channel) throw notFound('channel');
  const community = channel.kind !== 'dm' && channel.kind !== 'group_dm';
  let parentId: Types.ObjectId | null | undefined;
  if (patch.parentId !== undefined) {
    if (!community || channel.kind === 'thread' || channel.kind === 'category')
      throw invalid(`a ${channel.kind} channel cannot be moved into a category`);
    parentId = patch.parentId === null ? null : oid(patch.parentId, 'parentId');
    if (parentId) {
      const parent = await Channel.findById(parentId, { communityId: 1, kind: 1 }).lean();
      if (!parent || !channel.communityId || !parent.communityId?.equals(channel.communityId))
        throw invalid('unknown parent channel');
      if (parent.kind !== 'category') throw invalid('the parent of a channel is a category');
    }
  }
  if (patch.overwrites !== undefined) {
    if (!community || channel.kind === 'thread') throw invalid(`a ${channel.kind} channel has no overwrites`);
    checkOverwrites(patch.overwrites);
  }
  if (patch.name !== undefined && community && !patch.name.trim())
    throw invalid('a community channel needs a name');
  const set: Record<string, unknown> = {};
  for (const key of ['name', 'topic', 'position', 'private', 'overwrites', 'slowmodeS'] as const) {
    if (patch[key] !== undefined) set[key] = patch[key];
  }
  if (patch.archived === false) set['archivedAt'] = null;
  if (parentId !== undefined) set['parentId'] = parentId;
  const updated = await withDocumentLock(connection, `channels:${id.toHexString()}`, async () => {
    if (patch.archived === true) {
      await Channel.updateOne({ _id: id, archivedAt: null }, { $set: { archivedAt: new Date() } });
    }
    return validated(
      Channel.findOneAndUpdate(
        { _id: id },
        { $set: set },
        { returnDocument: 'after', runValidators: true },
      ).lean<ChannelDoc>(),
    );
  });
  if (!updated) throw notFound('channel');
  return updated;
}

/**
 * The DM channel between two users, created on first use. Idempotent under concurrency: the
 * unique dmKey index lets one of two simultaneous creations win; the other reads the winner's.
 */
export async function findOrCreateDm(
  connection: Connection,
  a: string,
  b: string,
): Promise<{ channel: ChannelDoc; created: boolean }> {
  const [first, second] = [userId(a, 'userId'), userId(b, 'userId')];
  if (first === second) throw invalid('a DM is between two different users');
  const Channel = channelModel(connection);
  const dmKey = dmKeyOf(first, second);
  const existing = await Channel.findOne({ dmKey }).lean<ChannelDoc>();
  if (existing) return { channel: existing, created: false };
  const doc = new Channel({
    communityId: null,
    kind: 'dm',
    participantIds: [first, second].sort(),
    createdBy: first,
  });
  try {
    await doc.save();
    return { channel: doc.toObject(), created: true };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await Channel.findOne({ dmKey }).lean<ChannelDoc>();
    if (!winner) throw err;
    return { channel: winner, created: false };
  }
}
