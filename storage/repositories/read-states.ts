// Read states: how far each user has read each channel, and the unread and mention counts that
// follow from it (computed on demand, never stored).
import type { Connection, Types } from 'mongoose';
import { chatMessageModel } from '../models/chat-message.model.js';
import { readStateModel } from '../models/read-state.model.js';
import { isDuplicateKey, oid, offsetOf, userId, type Id } from './errors.js';
import { withDocumentLock } from './document-lock.js';
import type { ReadStateDoc } from './types.js';

const READ_ATTEMPTS = 5;

/**
 * Records that the user read the channel up to `offset`; the offset only moves forward (an older
 * one, from a late or duplicate frame, changes nothing). Returns the stored offset.
 */
export async function setLastRead(
  connection: Connection,
  user: string,
  channelId: Id,
  offset: number,
): Promise<number> {
  const u = userId(user);
  const cid = oid(channelId, 'channelId');
  const to = offsetOf(offset);
  const ReadState = readStateModel(connection);
  return withDocumentLock(connection, `read_states:${u}:${cid.toHexString()}`, async () => {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      // A compare-and-set: of two concurrent moves the smaller cannot land after the larger.
      const moved = await ReadState.updateOne(
        { userId: u, channelId: cid, lastReadOffset: { $lt: to } },
        { $set: { lastReadOffset: to, updatedAt: new Date() } },
      );
      if (moved.matchedCount === 1) return to;
      const current = await ReadState.findOne({ userId: u, channelId: cid }, { lastReadOffset: 1 }).lean<
        Pick<ReadStateDoc, 'lastReadOffset'>
      >();
      if (current) return current.lastReadOffset;
      try {
        await ReadState.create({ userId: u, channelId: cid, lastReadOffset: to, updatedAt: new Date() });
        return to;
      } catch (err) {
        // Created concurrently (by another process): compare with that one.
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new Error('read state kept changing');
  });
}

export async function getReadStates(
  connection: Connection,
  user: string,
  channelIds: readonly Id[],
): Promise<ReadStateDoc[]> {
  return readStateModel(connection)
    .find({ userId: userId(user), channelId: { $in: channelIds.map((c) => oid(c, 'channelId')) } })
    .lean<ReadStateDoc[]>();
}

export interface UnreadCount {
  /** Messages after the read offset, not by the user, not deleted. */
  unread: number;
  /** Of those, the ones mentioning the user, one of their roles, or everyone. */
  mentions: number;
}

/** Channels per aggregation: bounds the size of the `$or` a request sends. */
const CHUNK = 200;

/**
 * Unread and mention counts per channel (hex id), every requested channel present. A channel
 * without a read state counts all its messages. Two aggregations of `$match` then `$group` with
 * `{ $sum: 1 }` per chunk of channels: FerretDB 1.24 does not implement `$cond`, so mentions
 * are counted by a second `$match` rather than a conditional sum in one pass.
 */
export async function unreadCounts(
  connection: Connection,
  input: { userId: string; channelIds: readonly Id[]; roleIds?: readonly string[] },
): Promise<Record<string, UnreadCount>> {
  const u = userId(input.userId);
  const channels = [
    ...new Map(input.channelIds.map((c) => oid(c, 'channelId')).map((c) => [c.toHexString(), c])).values(),
  ];
  const roleIds = (input.roleIds ?? []).map((r) => oid(r, 'roleId').toHexString());
  const counts: Record<string, UnreadCount> = {};
  for (const c of channels) counts[c.toHexString()] = { unread: 0, mentions: 0 };

  for (let i = 0; i < channels.length; i += CHUNK) {
    const chunk = channels.slice(i, i + CHUNK);
    const read = new Map(
      (await getReadStates(connection, u, chunk)).map((s) => [s.channelId.toHexString(), s.lastReadOffset]),
    );
    // Aggregation stages are not cast by mongoose: every value here is already an ObjectId,
    // a number or a checked string.
    const after = chunk.map((c) => ({ channelId: c, offset: { $gt: read.get(c.toHexString()) ?? 0 } }));
    const unreadMatch = { $or: after, authorId: { $ne: u }, deletedAt: null };
    const mentioned = [
      { 'mentions.userIds': u },
      { 'mentions.everyone': true },
      ...(roleIds.length > 0 ? [{ 'mentions.roleIds': { $in: roleIds } }] : []),
    ];
    const Message = chatMessageModel(connection);
    const count = (match: Record<string, unknown>) =>
      Message.aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: match },
        { $group: { _id: '$channelId', n: { $sum: 1 } } },
      ]);
    const [unread, mentions] = await Promise.all([
      count(unreadMatch),
      count({ $and: [unreadMatch, { $or: mentioned }] }),
    ]);
    for (const row of unread) {
      const entry = counts[row._id.toHexString()];
      if (entry) entry.unread = row.n;
    }
    for (const row of mentions) {
      const entry = counts[row._id.toHexString()];
      if (entry) entry.mentions = row.n;
    }
  }
  return counts;
}
