// What the scoring workers read of stored messages. A group commit's job carries its messages
// whole, so the worker reads none of them; a repair sweep's job names them by id (messagesByIds),
// and the sweep itself reads the community messages stored in a time window (messagesStoredBetween)
// to find those no decision was recorded for. Nothing is written on a message to say it was
// scored: its decision (scoring-decisions.ts) says so, so scoring costs `publications` no update.
import type { Connection } from 'mongoose';
import { chatMessageModel } from '../models/chat-message.model.js';
import { scoringSweepModel } from '../models/scoring-sweep.model.js';
import { isDuplicateKey, oid, type Id } from './errors.js';
import { idsFilterParts } from './server-kind.js';
import type { ChatMessageDoc } from './types.js';

/** These messages, whole, in the order given (those not stored left out). */
export async function messagesByIds(
  connection: Connection,
  messageIds: readonly Id[],
): Promise<ChatMessageDoc[]> {
  if (messageIds.length === 0) return [];
  const ids = messageIds.map((id) => oid(id, 'messageId'));
  const model = chatMessageModel(connection);
  const parts = await idsFilterParts(connection, ids);
  const rows = (await Promise.all(parts.map((part) => model.find(part).lean<ChatMessageDoc[]>()))).flat();
  const byId = new Map(rows.map((r) => [r._id.toHexString(), r]));
  return ids.flatMap((id) => byId.get(id.toHexString()) ?? []);
}

/**
 * The community messages to score stored in [from, to) (not held by AutoMod, not deleted), oldest
 * first, at most `limit`: their ids and when they were stored.
 */
export async function messagesStoredBetween(
  connection: Connection,
  from: Date,
  to: Date,
  limit: number,
): Promise<{ id: string; createdAt: Date }[]> {
  const rows = await chatMessageModel(connection)
    .find(
      { createdAt: { $gte: from, $lt: to }, communityId: { $ne: null }, hiddenAt: null, deletedAt: null },
      { _id: 1, createdAt: 1 },
    )
    .sort({ createdAt: 1 })
    .limit(limit)
    .lean();
  return rows.map((r) => ({ id: r._id.toHexString(), createdAt: r.createdAt }));
}

/** How far the repair sweep has checked (undefined before its first sweep). */
export async function scoringWatermark(connection: Connection): Promise<Date | undefined> {
  const sweep = await scoringSweepModel(connection).findById(REPAIR).lean();
  return sweep?.watermark;
}

/** Moves the repair sweep's watermark forward to `to` (never back: sweeps may overlap). */
export async function advanceScoringWatermark(connection: Connection, to: Date): Promise<void> {
  const model = scoringSweepModel(connection);
  try {
    await model.updateOne(
      { _id: REPAIR, watermark: { $lt: to } },
      { $set: { watermark: to } },
      { upsert: true },
    );
  } catch (err) {
    // The upsert met a later watermark (its filter did not match, its insert hit the _id): keep it.
    if (!isDuplicateKey(err)) throw err;
  }
}

const REPAIR = 'repair';
