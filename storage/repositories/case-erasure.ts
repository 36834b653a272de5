// Erasure of a user from the moderation cases (part of erasing a user everywhere).
import type { Connection } from 'mongoose';
import { moderationCaseModel } from '../models/moderation-case.model.js';
import { userId } from './errors.js';
import { serialized } from './serialize.js';

/**
 * Erasure: the user's id becomes the pseudonym wherever a case names them (author, reporter,
 * claimant, decider, appellant), and the text they wrote (their report reasons, their appeal)
 * is deleted. Written through the raw collection: the author is immutable for every other use.
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
    .find({
      $or: [{ authorId: u }, { 'flags.by': u }, { claimedBy: u }, { 'decision.by': u }, { 'appeal.by': u }],
    })
    .toArray();
  for (const doc of touched) {
    await serialized(connection, `moderation_cases:${String(doc._id)}`, async () => {
      const current = await collection.findOne({ _id: doc._id });
      if (!current) return;
      const swap = (id: unknown) => (id === u ? pseudonym : id);
      const flags = (current['flags'] as { by: string; reason: string }[] | undefined) ?? [];
      const decision = current['decision'] as { by: string } | null;
      const appeal = current['appeal'] as { by: string; reason: string; decidedBy?: string | null } | null;
      await collection.updateOne(
        { _id: doc._id },
        {
          $set: {
            authorId: swap(current['authorId']),
            claimedBy: swap(current['claimedBy']),
            flags: flags.map((f) => (f.by === u ? { ...f, by: pseudonym, reason: '' } : f)),
            decision: decision ? { ...decision, by: swap(decision.by) } : null,
            appeal: appeal
              ? {
                  ...appeal,
                  by: swap(appeal.by),
                  reason: appeal.by === u ? '' : appeal.reason,
                  decidedBy: swap(appeal.decidedBy ?? null),
                }
              : null,
          },
        },
      );
    });
  }
  return touched.length;
}
