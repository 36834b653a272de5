// One scoring job: the messages of a stored batch, each scored exactly once (scoring-processor.ts
// records one decision per message). Only the messages still marked `unscored` are scored, so a
// retried job (a worker died, one message failed) skips those an earlier attempt finished; every
// message finished is marked, even when another in the job failed. A job with a failed message
// fails as a whole, naming those messages, and is retried (then kept as a dead letter whose data
// lists its messages).
import { markScored, unscoredAmong } from '../../../storage/repositories/message-scoring.js';
import { scoreStoredMessage, type ScoringDeps, type ScoringOutcome } from './scoring-processor.js';

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
): Promise<Map<string, ScoringOutcome>> {
  const pending = await unscoredAmong(deps.connection, messageIds);
  const outcomes = new Map<string, ScoringOutcome>();
  const failed = new Map<string, unknown>();
  try {
    for (const id of pending) {
      try {
        outcomes.set(id, await scoreStoredMessage(deps, id));
      } catch (err) {
        failed.set(id, err);
      }
    }
  } finally {
    await markScored(deps.connection, [...outcomes.keys()]);
  }
  if (failed.size > 0) throw new ScoringBatchError(failed);
  return outcomes;
}
