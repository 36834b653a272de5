// The job processors a worker process runs: each module that hands work to workers
// (moderation scoring, inbox sync, SLA timers, session reminders) adds its entry here.
import type { Redis } from 'ioredis';
import type { Config } from '../config/index.js';
import { deliverNotifications, type NotificationJob } from '../community/notifications/offline-notifier.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import type { Processor } from './worker.js';

export const NOTIFICATIONS_QUEUE = 'notifications';

export function processors(config: Config, redis: Redis): Processor[] {
  const list: Processor[] = [];
  const { webhookUrl, webhookSecret } = config.notifications;
  if (webhookUrl) {
    const queue = new BullJobQueue<NotificationJob>(NOTIFICATIONS_QUEUE, {
      keyPrefix: config.redis.keyPrefix,
      redisUrl: config.redis.url,
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
