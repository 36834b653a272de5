// Chat messages: insert by offset, history pages, edits, tombstones, reactions, pins.
//
// FerretDB 1.24 has no positional update operators (`$`, `$[]`, arrayFilters) and matches
// `$ne`/`$nin` wrongly on paths through arrays of documents, so reactions are updated through
// the element's index with a filter that checks the element is still there: atomic per write on
// MongoDB, retried when a concurrent write moved it. Every update of a message also holds the
// message's document lock (document-lock.ts: on FerretDB only, whose updates are not atomic).
import { Types, type Connection } from 'mongoose';
import { chanTopic } from '../../protocol/index.js';
import { chatMessageModel, MAX_BODY, MAX_REACTION_EMOJI } from '../models/chat-message.model.js';
import { deletedData, hiddenData, messageData } from '../messages/message-record.js';
import {
  isDuplicateKey,
  notFound,
  oid,
  offsetOf,
  RepositoryError,
  text,
  userId,
  validated,
  type Id,
} from './errors.js';
import { withDocumentLock } from './document-lock.js';
import type { ChatMessageDoc } from './types.js';

/** Runs an update of one message under its document lock (FerretDB only; see document-lock.ts). */
export const onMessage = <T>(
  connection: Connection,
  id: Types.ObjectId,
  write: () => Promise<T>,
): Promise<T> => withDocumentLock(connection, `publications:${id.toHexString()}`, write);

export interface Mentions {
  userIds?: readonly string[];
  roleIds?: readonly string[];
  everyone?: boolean;
}

export interface NewMessage {
  /** The message's id when the caller chose it (the gateway does, to publish it); new otherwise. */
  id?: Id;
  channelId: Id;
  /** Null in DMs. */
  communityId: Id | null;
  /** The offset Redis assigned to the creation event. */
  offset: number;
  authorId: string;
  authorName: string;
  body: string;
  replyToId?: Id | null;
  mentions?: Mentions;
  nonce?: string;
  /** When it was written; now unless importing or seeding history. */
  createdAt?: Date;
  /** Stored hidden, by 'automod' or 'scoring' (a message AutoMod holds for review). */
  hiddenBy?: string;
  /** The epoch of the channel's history it joins; IMPORTED_EPOCH for seeded or imported history. */
  epoch?: string;
}

/** The epoch of history written outside the gateway (seeds, imports); the gateway continues it. */
export const IMPORTED_EPOCH = 'seed';

const mentionsOf = (m: Mentions = {}) => ({
  userIds: [...new Set(m.userIds ?? [])],
  roleIds: [...new Set(m.roleIds ?? [])],
  everyone: m.everyone ?? false,
});

/**
 * Stores a message written outside the gateway (seeds, imports), as the gateway would have: its
 * one record, which is also its channel's log row at that offset. Idempotent by (channel,
 * offset): when that offset is stored the stored message is returned unchanged (inserted: false).
 */
export async function insertMessage(
  connection: Connection,
  input: NewMessage,
): Promise<{ message: ChatMessageDoc; inserted: boolean }> {
  const Message = chatMessageModel(connection);
  const channelId = oid(input.channelId, 'channelId');
  const offset = offsetOf(input.offset);
  const communityId = input.communityId === null ? null : oid(input.communityId, 'communityId');
  const createdAt = input.createdAt ?? new Date();
  const fields = {
    _id: input.id === undefined ? new Types.ObjectId() : oid(input.id, 'id'),
    channelId,
    communityId,
    offset,
    authorId: userId(input.authorId, 'authorId'),
    authorName: text(input.authorName, 'authorName'),
    body: text(input.body, 'body'),
    replyToId: input.replyToId == null ? null : oid(input.replyToId, 'replyToId'),
    mentions: mentionsOf(input.mentions),
    nonce: input.nonce ?? '',
    createdAt,
    ...(input.hiddenBy === undefined
      ? {}
      : { hiddenAt: createdAt, hiddenBy: userId(input.hiddenBy, 'hiddenBy') }),
  };
  const doc = new Message({
    ...fields,
    channel: chanTopic(communityId?.toHexString() ?? null, channelId.toHexString()),
    epoch: input.epoch ?? IMPORTED_EPOCH,
    data:
      input.hiddenBy === undefined
        ? messageData(fields)
        : hiddenData(fields._id.toHexString(), fields.hiddenBy as string),
    userId: fields.authorId,
    userName: fields.authorName,
    ts: createdAt.getTime(),
  });
  try {
    await validated(doc.save());
    return { message: doc.toObject(), inserted: true };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const stored = await Message.findOne({ channelId, offset }).lean<ChatMessageDoc>();
    if (!stored) throw err;
    return { message: stored, inserted: false };
  }
}

export async function getMessage(connection: Connection, messageId: Id): Promise<ChatMessageDoc | null> {
  return chatMessageModel(connection).findById(oid(messageId, 'messageId')).lean<ChatMessageDoc>();
}

export const MAX_PAGE = 100;

/**
 * A page of history: the newest `limit` messages with offset < `before` (the newest of all when
 * absent), oldest first. Tombstones are included: they keep the offsets gapless for the client.
 */
export async function listMessages(
  connection: Connection,
  channelId: Id,
  options: { before?: number; limit: number },
): Promise<ChatMessageDoc[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit), 0), MAX_PAGE);
  if (!(limit > 0)) return []; // the server reads limit 0 as "no limit"
  const id = oid(channelId, 'channelId');
  const filter =
    options.before === undefined
      ? { channelId: id }
      : { channelId: id, offset: { $lt: offsetOf(options.before, 'before') } };
  const page = await chatMessageModel(connection)
    .find(filter)
    .sort({ offset: -1 })
    .limit(limit)
    .lean<ChatMessageDoc[]>();
  return page.reverse();
}

/**
 * The `limit` messages right after offset `after`, oldest first: the other direction of
 * listMessages, for a message's context (offsets are shared with the channel's other events, so
 * "the next three" are not `after + 1..3`).
 */
export async function listMessagesAfter(
  connection: Connection,
  channelId: Id,
  options: { after: number; limit: number },
): Promise<ChatMessageDoc[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit), 0), MAX_PAGE);
  if (!(limit > 0)) return []; // the server reads limit 0 as "no limit"
  return chatMessageModel(connection)
    .find({ channelId: oid(channelId, 'channelId'), offset: { $gt: offsetOf(options.after, 'after') } })
    .sort({ offset: 1 })
    .limit(limit)
    .lean<ChatMessageDoc[]>();
}

const EDIT_ATTEMPTS = 10;

/**
 * Replaces the body (and, when given, the mentions) of a live message, pushing the previous body
 * to `edits` with the time of this edit. A compare-and-set on the number of edits makes two
 * concurrent edits both land, in some order, each recording the body it replaced.
 */
export async function editMessage(
  connection: Connection,
  messageId: Id,
  change: { body: string; mentions?: Mentions },
): Promise<ChatMessageDoc> {
  const Message = chatMessageModel(connection);
  const id = oid(messageId, 'messageId');
  const body = text(change.body, 'body');
  if (body.length > MAX_BODY)
    throw new RepositoryError('validation_failed', `body is longer than ${MAX_BODY}`);
  return onMessage(connection, id, async () => {
    for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
      const current = await Message.findOne({ _id: id, deletedAt: null }, { body: 1, edits: 1 }).lean<
        Pick<ChatMessageDoc, '_id' | 'body' | 'edits'>
      >();
      if (!current) throw notFound('message');
      const editedAt = new Date();
      const updated = await validated(
        Message.findOneAndUpdate(
          { _id: id, deletedAt: null, body: current.body, edits: { $size: current.edits.length } },
          {
            $push: { edits: { body: current.body, editedAt } },
            $set: { body, editedAt, ...(change.mentions ? { mentions: mentionsOf(change.mentions) } : {}) },
          },
          { returnDocument: 'after', runValidators: true },
        ).lean<ChatMessageDoc>(),
      );
      if (updated) return updated;
    }
    throw new RepositoryError('conflict', 'the message kept changing; try again');
  });
}

/**
 * Soft-deletes a message: a tombstone keeps its offset, author and place in replies and threads;
 * its content goes (body, edit history, mentions, reactions, pin). False when already deleted.
 */
export async function deleteMessage(
  connection: Connection,
  messageId: Id,
  deletedBy: string,
): Promise<boolean> {
  const id = oid(messageId, 'messageId');
  const by = userId(deletedBy, 'deletedBy');
  const { modifiedCount } = await onMessage(connection, id, () =>
    chatMessageModel(connection).updateOne(
      { _id: id, deletedAt: null },
      {
        $set: {
          body: '',
          edits: [],
          mentions: mentionsOf(),
          reactions: [],
          pinnedAt: null,
          pinnedBy: null,
          deletedAt: new Date(),
          deletedBy: by,
          data: deletedData(id.toHexString(), by),
        },
      },
    ),
  );
  return modifiedCount === 1;
}

/** Hides a message pending review; false when it is hidden or deleted already. */
export async function hideMessage(connection: Connection, messageId: Id, hiddenBy: string): Promise<boolean> {
  const id = oid(messageId, 'messageId');
  const by = userId(hiddenBy, 'hiddenBy');
  const { modifiedCount } = await onMessage(connection, id, () =>
    chatMessageModel(connection).updateOne(
      { _id: id, hiddenAt: null, deletedAt: null },
      { $set: { hiddenAt: new Date(), hiddenBy: by, data: hiddenData(id.toHexString(), by) } },
    ),
  );
  return modifiedCount === 1;
}

/** Shows a hidden message again (a moderator approved it); null when it was not hidden. */
export async function restoreMessage(connection: Connection, messageId: Id): Promise<ChatMessageDoc | null> {
  const id = oid(messageId, 'messageId');
  const Message = chatMessageModel(connection);
  const restored = await onMessage(connection, id, () =>
    Message.findOneAndUpdate(
      { _id: id, hiddenAt: { $ne: null }, deletedAt: null },
      { $set: { hiddenAt: null, hiddenBy: null } },
      { returnDocument: 'after' },
    ).lean<ChatMessageDoc>(),
  );
  if (!restored) return null;
  // The log row shows the message again (gateway history replays it); only while still shown.
  const data = messageData(restored);
  await onMessage(connection, id, () =>
    Message.updateOne({ _id: id, hiddenAt: null, deletedAt: null }, { $set: { data } }),
  );
  return { ...restored, data };
}

const REACTION_ATTEMPTS = 20;

function emojiOf(emoji: string): string {
  if (typeof emoji !== 'string' || emoji.length < 1 || emoji.length > 64) {
    throw new RepositoryError('validation_failed', 'emoji must be 1 to 64 characters');
  }
  return emoji;
}

/**
 * Adds the user's reaction; false when they had already reacted with it. At most one entry per
 * emoji and one user per entry; at most MAX_REACTION_EMOJI distinct emoji per message.
 */
export async function addReaction(
  connection: Connection,
  messageId: Id,
  emoji: string,
  user: string,
): Promise<boolean> {
  const Message = chatMessageModel(connection);
  const id = oid(messageId, 'messageId');
  const e = emojiOf(emoji);
  const u = userId(user);
  return onMessage(connection, id, async () => {
    for (let attempt = 0; attempt < REACTION_ATTEMPTS; attempt++) {
      const current = await Message.findOne({ _id: id, deletedAt: null }, { reactions: 1 }).lean<
        Pick<ChatMessageDoc, 'reactions'>
      >();
      if (!current) throw notFound('message');
      const i = current.reactions.findIndex((r) => r.emoji === e);
      if (i === -1) {
        if (current.reactions.length >= MAX_REACTION_EMOJI) {
          throw new RepositoryError(
            'conflict',
            `a message has at most ${MAX_REACTION_EMOJI} different reactions`,
          );
        }
        // `$nor` rather than `$ne`: FerretDB 1.24 matches `$ne` on 'reactions.emoji' wrongly.
        const { matchedCount } = await Message.updateOne(
          {
            _id: id,
            deletedAt: null,
            $nor: [{ 'reactions.emoji': e }],
            [`reactions.${MAX_REACTION_EMOJI - 1}`]: { $exists: false },
          },
          { $push: { reactions: { emoji: e, userIds: [u] } } },
        );
        if (matchedCount === 1) return true;
      } else {
        const { matchedCount, modifiedCount } = await Message.updateOne(
          { _id: id, deletedAt: null, [`reactions.${i}.emoji`]: e },
          { $addToSet: { [`reactions.${i}.userIds`]: u } },
        );
        if (matchedCount === 1) return modifiedCount === 1;
      }
    }
    throw new RepositoryError('conflict', 'the reactions kept changing; try again');
  });
}

/** Removes the user's reaction, and the emoji's entry when nobody is left; false when absent. */
export async function removeReaction(
  connection: Connection,
  messageId: Id,
  emoji: string,
  user: string,
): Promise<boolean> {
  const Message = chatMessageModel(connection);
  const id = oid(messageId, 'messageId');
  const e = emojiOf(emoji);
  const u = userId(user);
  return onMessage(connection, id, async () => {
    for (let attempt = 0; attempt < REACTION_ATTEMPTS; attempt++) {
      const current = await Message.findOne({ _id: id }, { reactions: 1 }).lean<
        Pick<ChatMessageDoc, 'reactions'>
      >();
      if (!current) throw notFound('message');
      const i = current.reactions.findIndex((r) => r.emoji === e);
      if (i === -1 || !current.reactions[i]?.userIds.includes(u)) return false;
      const { matchedCount, modifiedCount } = await Message.updateOne(
        { _id: id, [`reactions.${i}.emoji`]: e },
        { $pull: { [`reactions.${i}.userIds`]: u } },
      );
      if (matchedCount === 0) continue;
      // Only an entry that is empty at this instant goes: a concurrent add keeps it. FerretDB's
      // $pull matches whole subdocuments, so the condition is the exact stored shape.
      await Message.updateOne({ _id: id }, { $pull: { reactions: { emoji: e, userIds: [] } } });
      return modifiedCount === 1;
    }
    throw new RepositoryError('conflict', 'the reactions kept changing; try again');
  });
}

/** Pins a live message; false when it was already pinned. */
export async function pinMessage(connection: Connection, messageId: Id, pinnedBy: string): Promise<boolean> {
  const id = oid(messageId, 'messageId');
  const by = userId(pinnedBy, 'pinnedBy');
  const Message = chatMessageModel(connection);
  const { modifiedCount } = await onMessage(connection, id, () =>
    Message.updateOne(
      { _id: id, deletedAt: null, pinnedAt: null },
      { $set: { pinnedAt: new Date(), pinnedBy: by } },
    ),
  );
  if (modifiedCount === 1) return true;
  if (!(await Message.exists({ _id: id, deletedAt: null }))) throw notFound('message');
  return false;
}

/** Unpins a message; false when it was not pinned. */
export async function unpinMessage(connection: Connection, messageId: Id): Promise<boolean> {
  const id = oid(messageId, 'messageId');
  const { modifiedCount } = await onMessage(connection, id, () =>
    chatMessageModel(connection).updateOne(
      { _id: id, pinnedAt: { $ne: null } },
      { $set: { pinnedAt: null, pinnedBy: null } },
    ),
  );
  return modifiedCount === 1;
}

/** A channel's pinned messages, most recently pinned first. */
export async function listPins(connection: Connection, channelId: Id): Promise<ChatMessageDoc[]> {
  return chatMessageModel(connection)
    .find({ channelId: oid(channelId, 'channelId'), pinnedAt: { $ne: null } })
    .sort({ pinnedAt: -1, _id: -1 })
    .lean<ChatMessageDoc[]>();
}
