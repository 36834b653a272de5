// The scoring workers' decisions: one per message. `recordDecision` inserts it, or returns the
// one already recorded (by an earlier attempt, or by another worker racing on the same job).
import type { Connection, InferRawDocTypeFromSchema } from 'mongoose';
import { scoringDecisionModel, type ScoringDecisionModel } from '../models/scoring-decision.model.js';
import { isDuplicateKey, oid, userId, validated, type Id } from './errors.js';

export type ScoringDecisionDoc = InferRawDocTypeFromSchema<ScoringDecisionModel['schema']>;

export interface NewScoringDecision {
  messageId: Id;
  communityId: Id;
  channelId: Id;
  authorId: string;
  action: 'allow' | 'flag' | 'hide';
  risk: number;
  scores: string;
  summary: string;
  modelVersion: number;
}

export async function getScoringDecision(
  connection: Connection,
  messageId: Id,
): Promise<ScoringDecisionDoc | null> {
  return scoringDecisionModel(connection)
    .findOne({ messageId: oid(messageId, 'messageId') })
    .lean<ScoringDecisionDoc>();
}

/** Inserts the message's decision; `recorded: false` with the stored one when it had one already. */
export async function recordDecision(
  connection: Connection,
  input: NewScoringDecision,
): Promise<{ decision: ScoringDecisionDoc; recorded: boolean }> {
  const Decision = scoringDecisionModel(connection);
  const doc = new Decision({
    ...input,
    messageId: oid(input.messageId, 'messageId'),
    communityId: oid(input.communityId, 'communityId'),
    channelId: oid(input.channelId, 'channelId'),
    authorId: userId(input.authorId, 'authorId'),
    status: input.action === 'allow' ? 'done' : 'recorded',
    ...(input.action === 'allow' ? { doneAt: new Date() } : {}),
  });
  try {
    await validated(doc.save());
    return { decision: doc.toObject(), recorded: true };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const stored = await getScoringDecision(connection, input.messageId);
    if (!stored) throw err;
    return { decision: stored, recorded: false };
  }
}

export async function markDecisionDone(connection: Connection, messageId: Id): Promise<void> {
  await scoringDecisionModel(connection).updateOne(
    { messageId: oid(messageId, 'messageId'), status: 'recorded' },
    { $set: { status: 'done', doneAt: new Date() } },
  );
}

/** A user's erasure: their decisions go (the case, erased apart, keeps what moderators need). */
export async function eraseScoringDecisions(connection: Connection, authorId: string): Promise<number> {
  const { deletedCount } = await scoringDecisionModel(connection).deleteMany({ authorId: userId(authorId) });
  return deletedCount;
}
