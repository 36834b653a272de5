// One scoring job: the messages of a stored batch, each scored exactly once (scoring-processor.ts:
// one decision per message, and a retried job learns of an earlier attempt's decisions from that
// record). The job's decisions are inserted together, in one command. A group commit's job carries its messages whole, so the worker reads none of
// them back; a repair sweep's job names them by id, and the worker reads them in one go. Each
// community's settings are read once per job, authors' standings through the worker's cache
// (scoring-reads.ts). A job with a failed message fails as a whole, naming those messages, and is
// retried (then kept as a dead letter whose data lists its messages).
import { Types } from 'mongoose';
import { messagesByIds } from '../../../storage/repositories/message-scoring.js';
import type { ScoringInput, ScoringJob } from './scoring-job.js';
import {
  recordDecisions,
  type NewScoringDecision,
  type Recorded,
} from '../../../storage/repositories/scoring-decisions.js';
import {
  finish,
  judge,
  leaseOf,
  type ScorableMessage,
  type ScoringDeps,
  type ScoringOutcome,
} from './scoring-processor.js';
import { ScoringReads } from './scoring-reads.js';

/** A job some of whose messages could not be scored; the others were. */
export class ScoringBatchError extends Error {
  constructor(readonly failed: ReadonlyMap<string, unknown>) {
    const reasons = [...failed].map(
      ([id, err]) => `${id}: ${err instanceof Error ? err.message : String(err)}`,
    );
    super(`scoring failed for ${failed.size} message(s): ${reasons.join('; ')}`);
    this.name = 'ScoringBatchError';
  }
}

/**
 * Scores the job's messages in order; returns each one's outcome by id (a message not stored has
 * none). Their decisions are recorded in one insert, then each one's effects applied.
 */
export async function scoreBatch(
  deps: ScoringDeps,
  job: Pick<ScoringJob, 'messageIds' | 'messages'>,
): Promise<Map<string, ScoringOutcome>> {
  const messages: ScorableMessage[] = job.messages
    ? job.messages.map(carried)
    : (await messagesByIds(deps.connection, job.messageIds)).map((m) => ({ ...m, read: true }));
  const reads = new ScoringReads(deps.connection, deps.standings);
  const outcomes = new Map<string, ScoringOutcome>();
  const failed = new Map<string, unknown>();
  const toRecord: { id: string; decision: NewScoringDecision }[] = [];
  for (const message of messages) {
    const id = message._id.toHexString();
    try {
      const judged = await judge(deps, message, reads);
      if ('kind' in judged) outcomes.set(id, judged);
      else toRecord.push({ id, decision: judged });
    } catch (err) {
      failed.set(id, err);
    }
  }
  let recorded: Recorded[] = [];
  try {
    recorded = await recordDecisions(
      deps.connection,
      toRecord.map((r) => r.decision),
      leaseOf(deps),
    );
  } catch (err) {
    for (const { id } of toRecord) failed.set(id, err);
  }
  for (const [i, r] of recorded.entries()) {
    const id = (toRecord[i] as (typeof toRecord)[0]).id;
    try {
      outcomes.set(id, await finish(deps, r));
    } catch (err) {
      failed.set(id, err);
    }
  }
  if (failed.size > 0) throw new ScoringBatchError(failed);
  // In the job's order.
  return new Map(
    messages.flatMap((m) => {
      const id = m._id.toHexString();
      const outcome = outcomes.get(id);
      return outcome ? [[id, outcome] as const] : [];
    }),
  );
}

/** A message as its job carried it: as stored, its state since then unknown until needed. */
function carried(m: ScoringInput): ScorableMessage {
  return {
    _id: new Types.ObjectId(m.id),
    communityId: new Types.ObjectId(m.communityId),
    channelId: new Types.ObjectId(m.channelId),
    authorId: m.authorId,
    body: m.body,
    deletedAt: null,
    hiddenAt: null,
    read: false,
  };
}
