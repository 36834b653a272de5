// One scoring job: the messages of a stored batch, each scored exactly once (scoring-processor.ts
// records one decision per message). Only the messages still marked `unscored` are scored, so a
// retried job (a worker died, one message failed) skips those an earlier attempt finished; every
// message finished is marked, even when another in the job failed. The job reads its messages in
// one go (with their marks), each community's settings once, and authors' standings through the
// worker's cache (scoring-reads.ts). A job with a failed message fails as a whole, naming those
// messages, and is retried (then kept as a dead letter whose data lists its messages).
import { markScored, unscoredMessages } from '../../../storage/repositories/message-scoring.js';
import { scoreLoadedMessage, type ScoringDeps, type ScoringOutcome } from './scoring-processor.js';
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

/** Scores the job's unscored messages in order; returns each one's outcome by id. */
export async function scoreBatch(
  deps: ScoringDeps,
  messageIds: readonly string[],
  batch?: string,
): Promise<Map<string, ScoringOutcome>> {
  const pending = await unscoredMessages(deps.connection, messageIds, batch);
  const reads = new ScoringReads(deps.connection, deps.standings);
  const outcomes = new Map<string, ScoringOutcome>();
  const failed = new Map<string, unknown>();
  try {
    for (const message of pending) {
      const id = message._id.toHexString();
      try {
        outcomes.set(id, await scoreLoadedMessage(deps, message, reads));
      } catch (err) {
        failed.set(id, err);
      }
    }
  } finally {
    await markScored(
      deps.connection,
      pending.filter((m) => outcomes.has(m._id.toHexString())),
    );
  }
  if (failed.size > 0) throw new ScoringBatchError(failed);
  return outcomes;
}
