// The job queues whose jobs may carry a user's id (a notification for them, an event about them,
// a webhook naming them as a Chatwoot contact, a reminder), for erasure to remove: waiting,
// delayed, finished and dead jobs alike (storage/queue: removeJobsMentioning). A new queue whose
// jobs name users belongs in this list.
// A group commit's scoring job carries its messages' authors and text (the worker reads nothing
// back); it goes a minute after it is done, and erasure removes any still kept (waiting, or a
// dead letter) that names the user.
import type { UserDataSource } from '../community/privacy.js';
import { EVENTS_QUEUE } from '../community/events/event-queue.js';
import type { Config } from '../config/index.js';
import { INBOX_EVENTS_QUEUE, INBOX_OUTBOUND_QUEUE, INBOX_SLA_QUEUE } from '../inbox/queues.js';
import { REMINDERS_QUEUE } from '../media/sessions/reminders.js';
import { SCORING_QUEUE } from '../moderation/scoring/queue/scoring-job.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import { NOTIFICATIONS_QUEUE } from './processors.js';

export const USER_DATA_QUEUES = [
  NOTIFICATIONS_QUEUE,
  EVENTS_QUEUE,
  REMINDERS_QUEUE,
  SCORING_QUEUE,
  INBOX_EVENTS_QUEUE,
  INBOX_OUTBOUND_QUEUE,
  INBOX_SLA_QUEUE,
];

/** Erasure's share of the job queues: every job naming the user goes (nothing to export). */
export function jobsPrivacySource(config: Pick<Config, 'redis'>): UserDataSource {
  return {
    name: 'jobs',
    export: () => Promise.resolve(undefined),
    async erase(userId) {
      let removed = 0;
      for (const name of USER_DATA_QUEUES) {
        const queue = new BullJobQueue<unknown>(name, {
          keyPrefix: config.redis.keyPrefix,
          redis: config.redis,
        });
        try {
          removed += await queue.removeJobsMentioning(userId);
        } finally {
          await queue.close();
        }
      }
      return removed;
    },
  };
}
