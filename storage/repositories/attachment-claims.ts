// What the claim sweep reads and writes: claims not confirmed yet (a message claimed the files, and
// nobody has seen that message stored since), which chat messages are stored, and confirming a
// claim (its message is there) or moving it to the message that carries the file (a retried
// publish stored under another id than the attempt that claimed it). Each claim is looked at once
// after its bound: confirmed, moved or deleted, it is not unconfirmed any more.
import { Types, type Connection } from 'mongoose';
import { attachmentModel } from '../models/attachment.model.js';
import { chatMessageModel } from '../models/chat-message.model.js';
import type { AttachmentDoc } from './attachments.js';
import { idsFilterParts } from './server-kind.js';

/** Chat claims (a channel's files) or support ones (a support conversation's). */
export type ClaimKind = 'chat' | 'support';

/**
 * Unconfirmed claims of one kind made before `before`, oldest first. A page is small: its
 * messages are then looked up by id, one query per id on FerretDB.
 */
export async function unconfirmedClaims(
  connection: Connection,
  kind: ClaimKind,
  before: Date,
  limit = 100,
): Promise<AttachmentDoc[]> {
  return attachmentModel(connection)
    .find({
      claimedAt: { $lt: before },
      messageId: { $ne: null },
      conversationId: kind === 'chat' ? null : { $ne: null },
    })
    .sort({ claimedAt: 1 })
    .limit(limit)
    .lean<AttachmentDoc[]>()
    .exec();
}

/** Their messages are stored: the sweep need not look at them again. */
export async function confirmClaims(connection: Connection, ids: readonly Types.ObjectId[]): Promise<void> {
  const model = attachmentModel(connection);
  for (const part of await idsFilterParts(connection, ids))
    await model.updateMany(part, { $set: { claimedAt: null } }).exec();
}

/** The file belongs to `messageId`, a stored message that carries it. */
export async function moveClaim(
  connection: Connection,
  id: Types.ObjectId,
  messageId: Types.ObjectId,
): Promise<void> {
  await attachmentModel(connection)
    .updateOne({ _id: id }, { $set: { messageId, claimedAt: null } })
    .exec();
}

/** Which of these chat messages are stored (by id). */
export async function storedChatMessages(
  connection: Connection,
  messageIds: readonly Types.ObjectId[],
): Promise<Set<string>> {
  const model = chatMessageModel(connection);
  const parts = await idsFilterParts(connection, messageIds);
  const found = await Promise.all(
    parts.map((part) => model.find(part, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>().exec()),
  );
  return new Set(found.flat().map((m) => m._id.toHexString()));
}

/**
 * The stored chat messages that carry these files, by file id: looked for in the files' channels,
 * among messages made no earlier than the claiming one (a retry's message is newer).
 */
export async function chatMessagesCarrying(
  connection: Connection,
  files: readonly Pick<AttachmentDoc, '_id' | 'channelId' | 'messageId'>[],
): Promise<Map<string, Types.ObjectId>> {
  const carried = new Map<string, Types.ObjectId>();
  const claimedBy = files.flatMap((f) => (f.messageId ? [f.messageId.getTimestamp().getTime()] : []));
  const channelIds = [...new Set(files.flatMap((f) => (f.channelId ? [f.channelId.toHexString()] : [])))];
  if (claimedBy.length === 0 || channelIds.length === 0) return carried;
  const since = Types.ObjectId.createFromTime(Math.floor(Math.min(...claimedBy) / 1000));
  const ids = new Set(files.map((f) => f._id.toHexString()));
  const messages = await chatMessageModel(connection)
    .find(
      {
        channelId: { $in: channelIds.map((id) => new Types.ObjectId(id)) },
        _id: { $gte: since },
        'attachments.id': { $in: files.map((f) => f._id) },
      },
      { _id: 1, attachments: 1 },
    )
    .lean<{ _id: Types.ObjectId; attachments?: { id: Types.ObjectId }[] }[]>()
    .exec();
  for (const m of messages)
    for (const a of m.attachments ?? []) {
      const id = a.id.toHexString();
      if (ids.has(id)) carried.set(id, m._id);
    }
  return carried;
}
