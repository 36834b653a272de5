// The scoring workers' marks on stored messages: a community message is stored `unscored` (by
// storage/messages/message-record.ts) until a worker has scored it. A batch job reads which of its
// messages still need it (so a retried batch skips the done ones), marks those it finished, and
// the repair sweep finds the ones whose job was lost. By ids as the server serves them best
// (server-kind.ts: FerretDB would read the whole collection for a `$in`).
import type { Connection } from 'mongoose';
import { chatMessageModel } from '../models/chat-message.model.js';
import { oid, type Id } from './errors.js';
import { idsFilterParts } from './server-kind.js';

/** Of these messages, the ids of those still unscored, in the order given. */
export async function unscoredAmong(connection: Connection, messageIds: readonly Id[]): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const ids = messageIds.map((id) => oid(id, 'messageId'));
  const model = chatMessageModel(connection);
  const parts = await idsFilterParts(connection, ids);
  const rows = (
    await Promise.all(parts.map((part) => model.find({ ...part, unscored: true }, { _id: 1 }).lean()))
  ).flat();
  const unscored = new Set(rows.map((r) => r._id.toHexString()));
  return ids.map((id) => id.toHexString()).filter((id) => unscored.has(id));
}

/** The scoring workers are done with these messages: the repair sweep no longer looks at them. */
export async function markScored(connection: Connection, messageIds: readonly Id[]): Promise<void> {
  if (messageIds.length === 0) return;
  const model = chatMessageModel(connection);
  const parts = await idsFilterParts(
    connection,
    messageIds.map((id) => oid(id, 'messageId')),
  );
  await Promise.all(
    parts.map((part) => model.updateMany({ ...part, unscored: true }, { $unset: { unscored: 1 } })),
  );
}

/** Community messages stored before `before` and still unscored, oldest first. */
export async function unscoredBefore(connection: Connection, before: Date, limit: number): Promise<string[]> {
  const rows = await chatMessageModel(connection)
    .find({ unscored: true, createdAt: { $lt: before } }, { _id: 1 })
    .sort({ createdAt: 1 })
    .limit(limit)
    .lean();
  return rows.map((r) => r._id.toHexString());
}
