// The scoring workers' decisions: one per message. `recordDecision` inserts it, or returns the
// one already recorded (by an earlier attempt, or by another worker racing on the same job).
import mongoose, { Types, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';
import {
  MAX_SCORES,
  MAX_SUMMARY,
  scoringDecisionModel,
  type ScoringDecisionModel,
} from '../models/scoring-decision.model.js';
import { DUPLICATE_KEY, isDuplicateKey, oid, RepositoryError, userId, type Id } from './errors.js';

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

export class DecisionBusyError extends Error {
  constructor(messageId: string) {
    super(`scoring: the decision about message ${messageId} is being applied by another worker`);
  }
}

export async function getScoringDecision(
  connection: Connection,
  messageId: Id,
): Promise<ScoringDecisionDoc | null> {
  return scoringDecisionModel(connection)
    .findOne({ messageId: oid(messageId, 'messageId') })
    .lean<ScoringDecisionDoc>();
}

/** What recording a decision gave: the one inserted, or (`recorded: false`) the one stored before. */
export interface Recorded {
  decision: ScoringDecisionDoc;
  recorded: boolean;
}

/**
 * Inserts the message's decision; `recorded: false` with the stored one when it had one already.
 * Built here and written through the driver (a worker records one per message it scores): the
 * fields are the worker's own, checked below where the schema bounds them.
 */
export async function recordDecision(
  connection: Connection,
  input: NewScoringDecision,
  leaseMs: number,
): Promise<Recorded> {
  const [recorded] = await recordDecisions(connection, [input], leaseMs);
  return recorded as Recorded;
}

/**
 * Inserts the decisions of a job's messages in one command, each as `recordDecision` does; one
 * a message had already (a retried job, a racing worker) is read back in its place.
 */
export async function recordDecisions(
  connection: Connection,
  inputs: readonly NewScoringDecision[],
  leaseMs: number,
): Promise<Recorded[]> {
  if (inputs.length === 0) return [];
  const now = new Date();
  const decisions = inputs.map((input) => decisionDoc(input, now, leaseMs));
  const taken = new Set<number>();
  try {
    await scoringDecisionModel(connection).collection.insertMany(decisions, { ordered: false });
  } catch (err) {
    const duplicates = duplicateIndexes(err, decisions.length);
    if (!duplicates) throw err;
    for (const i of duplicates) taken.add(i);
  }
  return Promise.all(
    decisions.map(async (decision, i): Promise<Recorded> => {
      if (!taken.has(i)) return { decision, recorded: true };
      const stored = await getScoringDecision(connection, decision.messageId);
      if (!stored)
        throw new Error(`scoring: the decision about ${decision.messageId.toHexString()} vanished`);
      return { decision: stored, recorded: false };
    }),
  );
}

/** Refuses a decision whose scores, summary or risk the schema does not allow. */
export function checkDecision(input: NewScoringDecision): void {
  if (
    input.scores.length > MAX_SCORES ||
    input.summary.length > MAX_SUMMARY ||
    !(input.risk >= 0 && input.risk <= 1)
  )
    throw new RepositoryError('validation_failed', 'scoring decision: scores, summary or risk out of bounds');
}

function decisionDoc(input: NewScoringDecision, now: Date, leaseMs: number): ScoringDecisionDoc {
  checkDecision(input);
  const allowed = input.action === 'allow';
  return {
    _id: new Types.ObjectId(),
    messageId: oid(input.messageId, 'messageId'),
    communityId: oid(input.communityId, 'communityId'),
    channelId: oid(input.channelId, 'channelId'),
    authorId: userId(input.authorId, 'authorId'),
    action: input.action,
    risk: input.risk,
    scores: input.scores,
    summary: input.summary,
    modelVersion: input.modelVersion,
    status: allowed ? 'done' : 'recorded',
    leaseUntil: new Date(now.getTime() + leaseMs),
    createdAt: now,
    doneAt: allowed ? now : null,
  };
}

/** The positions an unordered insert refused as duplicates, when that was its only failure. */
function duplicateIndexes(err: unknown, inserted: number): number[] | undefined {
  if (err instanceof mongoose.mongo.MongoBulkWriteError) {
    const errors = [err.writeErrors].flat();
    if (errors.length === 0 || !errors.every((e) => e.code === DUPLICATE_KEY)) return undefined;
    return errors.map((e) => e.index);
  }
  return inserted === 1 && isDuplicateKey(err) ? [0] : undefined;
}

/**
 * Takes over an unfinished decision whose lease ran out (its worker died, or gave up): true when
 * this caller now holds it for `leaseMs`. A compare-and-set on the lease's end, so of several
 * workers taking over at once one wins (on MongoDB; FerretDB's updates are not atomic).
 */
export async function takeDecisionLease(
  connection: Connection,
  messageId: Id,
  leaseMs: number,
): Promise<boolean> {
  const now = new Date();
  const { modifiedCount } = await scoringDecisionModel(connection).updateOne(
    { messageId: oid(messageId, 'messageId'), status: 'recorded', leaseUntil: { $lte: now } },
    { $set: { leaseUntil: new Date(now.getTime() + leaseMs) } },
  );
  return modifiedCount === 1;
}

/** Of these messages, those a decision was recorded about (finished or not). */
export async function decidedAmong(connection: Connection, messageIds: readonly Id[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows = await scoringDecisionModel(connection)
    .find({ messageId: { $in: messageIds.map((id) => oid(id, 'messageId')) } }, { messageId: 1 })
    .lean();
  return new Set(rows.map((r) => r.messageId.toHexString()));
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

/**
 * Deletes finished decisions recorded before `before`. Long past the repair sweep's window a
 * message is never enqueued again, so an old decision only costs space; unfinished ones stay.
 */
export async function pruneScoringDecisions(connection: Connection, before: Date): Promise<number> {
  const { deletedCount } = await scoringDecisionModel(connection).deleteMany({
    status: 'done',
    createdAt: { $lt: before },
  });
  return deletedCount;
}
