// The job a hub node hands to the scoring workers for each community message, once it is stored.
// It names the message only: the worker reads the text from the database, so message bodies
// never sit in Redis, and a message deleted in the meantime is simply not scored.

export const SCORING_QUEUE = 'moderation-scoring';

export interface ScoringJob {
  messageId: string;
  communityId: string;
  channelId: string;
  authorId: string;
}

/** Job options: the message id makes a job idempotent (a second add is deduplicated). */
export const scoringJobOptions = (job: ScoringJob) => ({
  id: `score-${job.messageId}`,
  attempts: 5,
  backoffMs: 500,
});
