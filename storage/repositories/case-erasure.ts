// Erasure of a user from the moderation cases (part of erasing a user everywhere).
import type { Connection, Types } from 'mongoose';
import { moderationCaseModel } from '../models/moderation-case.model.js';
import { caseLockKey } from './cases.js';
import { withDocumentLock } from './document-lock.js';
import { userId } from './errors.js';

/**
 * Erasure: the user's id becomes the pseudonym wherever a case names them (author, reporter,
 * claimant, decider, appellant), and the text they wrote (their report reasons, their appeal)
 * is deleted. Written through the raw collection: the author is immutable for every other use.
 * Each field is its own conditional update (the filter names the user in that field), never a
 * copy of the case written back, so a moderator's concurrent claim or decision is kept.
 * Returns how many cases changed.
 */
export async function anonymizeCases(
  connection: Connection,
  user: string,
  pseudonym: string,
): Promise<number> {
  const u = userId(user);
  const collection = moderationCaseModel(connection).collection;
  const touched = await collection
    .find(
      {
        $or: [{ authorId: u }, { 'flags.by': u }, { claimedBy: u }, { 'decision.by': u }, { 'appeal.by': u }],
      },
      { projection: { _id: 1, messageId: 1, flags: 1 } },
    )
    .toArray();
  for (const doc of touched) {
    const _id = doc._id;
    const set = (filter: Record<string, unknown>, fields: Record<string, unknown>) =>
      withDocumentLock(connection, caseLockKey(doc['messageId'] as Types.ObjectId), () =>
        collection.updateOne({ _id, ...filter }, { $set: fields }),
      );
    await set({ authorId: u }, { authorId: pseudonym });
    await set({ claimedBy: u }, { claimedBy: pseudonym });
    await set({ 'decision.by': u }, { 'decision.by': pseudonym });
    await set({ 'appeal.decidedBy': u }, { 'appeal.decidedBy': pseudonym });
    await set({ 'appeal.by': u }, { 'appeal.by': pseudonym, 'appeal.reason': '' });
    // Flags are only ever appended (at most one per reporter), so an index names one flag for
    // good; the filter checks it is still this user's.
    const flags = (doc['flags'] as { by: string }[] | undefined) ?? [];
    for (const [i, flag] of flags.entries()) {
      if (flag.by === u)
        await set({ [`flags.${i}.by`]: u }, { [`flags.${i}.by`]: pseudonym, [`flags.${i}.reason`]: '' });
    }
  }
  return touched.length;
}
