// Hands stored community messages to the scoring workers, exactly once each:
// - per group commit: when a batch of publications is stored, one bulk enqueue names the
//   community messages in it (a held message is judged by moderators instead); off the sender's
//   path, and the job id (the message id) deduplicates a repeated enqueue;
// - repair: every message is stored marked `unscored` until a worker has scored it, and the
//   workers sweep for messages still marked a while after they were stored (repairScoring), so an
//   enqueue that failed, or a node that died before it, never leaves a message unscored.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { StoredPublication } from '../../storage/messages/message-store.js';
import { storedMessageOf } from '../../storage/messages/message-record.js';
import { chatMessageModel } from '../../storage/models/chat-message.model.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import { scoringJobOptions, type ScoringJob } from '../scoring/queue/scoring-job.js';

const COMMUNITY_CHAN = /^chan:([0-9a-f]{24}):([0-9a-f]{24})$/;

/** The scoring job of a stored publication: a community message shown to its channel. */
export function scoringJobOf(p: StoredPublication): ScoringJob | undefined {
  const chan = COMMUNITY_CHAN.exec(p.channel);
  if (!chan || p.record !== undefined) return undefined; // a record differs only when held
  const message = storedMessageOf(p); // the data, as there is no record: parsed once with the write
  if (!message) return undefined;
  return {
    messageId: message.id,
    communityId: chan[1] as string,
    channelId: chan[2] as string,
    authorId: p.userId,
  };
}

/** The group commit's listener: one bulk enqueue per stored batch. */
export function enqueueScoring(queue: JobQueue<ScoringJob>, log: Logger) {
  return (rows: readonly StoredPublication[]): void => {
    const jobs = rows.flatMap((p) => scoringJobOf(p) ?? []);
    if (jobs.length === 0) return;
    void queue
      .addBulk(jobs.map((data) => ({ name: 'score', data, options: scoringJobOptions(data) })))
      .catch((err: unknown) =>
        log.warn({ err, jobs: jobs.length }, 'scoring jobs not queued; the sweep will'),
      );
  };
}

/** How long after storing a message the sweep considers its enqueue lost (ms). */
export const SCORING_REPAIR_AFTER_MS = 60_000;

/**
 * The workers' repair sweep: enqueues messages stored more than SCORING_REPAIR_AFTER_MS ago and
 * still unscored (jobs already queued are deduplicated by id). Returns how many it enqueued.
 */
export async function repairScoring(
  connection: Connection,
  queue: JobQueue<ScoringJob>,
  now = Date.now(),
  limit = 500,
): Promise<number> {
  const rows = await chatMessageModel(connection)
    .find(
      { unscored: true, createdAt: { $lt: new Date(now - SCORING_REPAIR_AFTER_MS) } },
      { _id: 1, communityId: 1, channelId: 1, authorId: 1 },
    )
    .sort({ createdAt: 1 })
    .limit(limit)
    .lean();
  const jobs: ScoringJob[] = rows.flatMap((m) =>
    m.communityId
      ? [
          {
            messageId: m._id.toHexString(),
            communityId: m.communityId.toHexString(),
            channelId: m.channelId.toHexString(),
            authorId: m.authorId,
          },
        ]
      : [],
  );
  if (jobs.length > 0)
    await queue.addBulk(jobs.map((data) => ({ name: 'score', data, options: scoringJobOptions(data) })));
  return jobs.length;
}
