// The job processors a worker process runs: each module that hands work to workers
// (moderation scoring, inbox sync, SLA timers, session reminders) adds its entry here.
import type { Config } from '../config/index.js';
import { RETENTION_EVERY_MS, RETENTION_QUEUE, runRetention } from '../community/retention.js';
import { GroupCommitStore } from '../storage/messages/group-commit.js';
import { MongoMessageStore } from '../storage/messages/message-store.mongo.js';
import { deliverNotifications, type NotificationJob } from '../community/notifications/offline-notifier.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import { scoringProcessors } from '../moderation/scoring/queue/processors.js';
import { reminderProcessor } from '../media/sessions/reminders.js';
import { inboxProcessors } from '../inbox/processors.js';
import type { Processor, WorkerResources } from './worker.js';

export const NOTIFICATIONS_QUEUE = 'notifications';

export function processors(config: Config, { redis, connection, log }: WorkerResources): Processor[] {
  const store = new GroupCommitStore(new MongoMessageStore(connection));
  const list: Processor[] = [
    {
      queue: RETENTION_QUEUE,
      concurrency: 1,
      every: { name: 'sweep', intervalMs: RETENTION_EVERY_MS },
      handler: async () => void (await runRetention(connection, store, log)),
    },
  ];
  list.push(...scoringProcessors(config, { redis, connection, log }));
  list.push(reminderProcessor(config, { redis, connection, log }, store));
  list.push(...inboxProcessors(config, { redis, connection, log }));
  const { webhookUrl, webhookSecret } = config.notifications;
  if (webhookUrl) {
    const queue = new BullJobQueue<NotificationJob>(NOTIFICATIONS_QUEUE, {
      keyPrefix: config.redis.keyPrefix,
      redis: config.redis,
    });
    const deliver = deliverNotifications(redis, queue, {
      keyPrefix: config.redis.keyPrefix,
      webhookUrl,
      webhookSecret,
    });
    list.push({
      queue: NOTIFICATIONS_QUEUE,
      concurrency: 4,
      handler: (job) => deliver({ ...job, data: job.data as NotificationJob }),
    });
  }
  return list;
}
