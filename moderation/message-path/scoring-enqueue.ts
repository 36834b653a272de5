// Hands each stored community message to the scoring workers. After the publish and off the
// sender's path: the ack does not wait for Redis. The job names the message only, and its id
// makes a retried publish enqueue nothing new.
import type { Logger } from 'pino';
import { DM_COMMUNITY } from '../../community/authorizer.js';
import { heldMessage } from '../../community/chat/message-data.js';
import type { AfterPublishHook } from '../../realtime/gateway/hooks.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import { scoringJobOptions, type ScoringJob } from '../scoring/queue/scoring-job.js';

export function enqueueScoring(queue: JobQueue<ScoringJob>, log: Logger): AfterPublishHook {
  return ({ user, topic, data, state }) => {
    if (topic.kind !== 'chan' || topic.community === DM_COMMUNITY) return;
    // A message AutoMod held has its case already; moderators judge it themselves.
    if (data['kind'] !== 'message' || heldMessage(state)) return;
    const job: ScoringJob = {
      messageId: String(data['id']),
      communityId: topic.community,
      channelId: topic.channel,
      authorId: user.id,
    };
    void queue
      .add('score', job, scoringJobOptions(job))
      .catch((err: unknown) => log.warn({ err, messageId: job.messageId }, 'scoring job not queued'));
  };
}
