// The scoring workers' marks on stored messages: a community message is stored `unscored` (by
// storage/messages/message-record.ts) until a worker has scored it. A batch job reads those of its
// messages still marked (so a retried batch skips the done ones) in the same read that gives the
// worker their text, marks those it finished, and the repair sweep finds the ones whose job was
// lost. A group commit's messages are read and marked by their write's scoring batch, one query
// each; any others by ids as the server serves them best (server-kind.ts: FerretDB would read the
// whole collection for a `$in`, and scans it once per query whatever the filter).
import type { Connection, Types } from 'mongoose';
import { chatMessageModel } from '../models/chat-message.model.js';
import { oid, type Id } from './errors.js';
import { idsFilterParts } from './server-kind.js';
import type { ChatMessageDoc } from './types.js';

/** Of these messages, those still unscored, whole, in the order given. */
export async function unscoredMessages(
  connection: Connection,
  messageIds: readonly Id[],
  batch?: Id,
): Promise<ChatMessageDoc[]> {
  if (messageIds.length === 0) return [];
  const ids = messageIds.map((id) => oid(id, 'messageId'));
  const model = chatMessageModel(connection);
  // The job's write, in one query (scored ones too: found there, they need no second look).
  const inBatch =
    batch === undefined
      ? []
      : await model.find({ scoringBatch: oid(batch, 'batch') }).lean<ChatMessageDoc[]>();
  const byId = new Map(inBatch.map((r) => [r._id.toHexString(), r]));
  // Any other (no batch; stored by another write, as the write-ahead sweep may): by id.
  const others = ids.filter((id) => !byId.has(id.toHexString()));
  const parts = await idsFilterParts(connection, others);
  const rows = (
    await Promise.all(parts.map((part) => model.find({ ...part, unscored: true }).lean<ChatMessageDoc[]>()))
  ).flat();
  for (const r of rows) byId.set(r._id.toHexString(), r);
  return ids.flatMap((id) => {
    const row = byId.get(id.toHexString());
    return row?.unscored ? [row] : [];
  });
}

/**
 * The scoring workers are done with these messages: the repair sweep no longer looks at them.
 * Those of one scoring batch in one update (FerretDB: one scan), any others by id.
 */
export async function markScored(
  connection: Connection,
  messages: readonly Pick<ChatMessageDoc, '_id' | 'scoringBatch'>[],
): Promise<void> {
  const byBatch = new Map<string, Types.ObjectId[]>();
  const loose: Types.ObjectId[] = [];
  for (const m of messages) {
    const batch = m.scoringBatch?.toHexString();
    if (batch === undefined) loose.push(m._id);
    else byBatch.set(batch, [...(byBatch.get(batch) ?? []), m._id]);
  }
  const model = chatMessageModel(connection);
  const unset = { $unset: { unscored: 1 } };
  const parts = [
    ...[...byBatch].map(([batch, ids]) => ({ scoringBatch: oid(batch), _id: { $in: ids } })),
    ...(await idsFilterParts(connection, loose)),
  ];
  await Promise.all(parts.map((part) => model.updateMany({ ...part, unscored: true }, unset)));
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
