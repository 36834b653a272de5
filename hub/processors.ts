// The job processors a worker process runs: each module that hands work to workers
// (moderation scoring, inbox sync, SLA timers, session reminders, attachments' sweep) adds its
// entry here.
import type { Config } from '../config/index.js';
import { RETENTION_EVERY_MS, RETENTION_QUEUE, runRetention } from '../community/retention.js';
import { GroupCommitStore } from '../storage/messages/group-commit.js';
import { MongoMessageStore } from '../storage/messages/message-store.mongo.js';
import { deliverNotifications, type NotificationJob } from '../community/notifications/offline-notifier.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import { deliverEvents } from '../community/events/deliver-events.js';
import { EVENTS_QUEUE, eventsFromConfig } from '../community/events/event-queue.js';
import type { MarketplaceEvent } from '../community/events/marketplace-events.js';
import { scoringProcessors } from '../moderation/scoring/queue/processors.js';
import { reminderProcessor } from '../media/sessions/reminders.js';
import { inboxProcessors } from '../inbox/processors.js';
import { storedSupportMessages } from '../inbox/store/models.js';
import { Attachments } from '../community/attachments/attachments.js';
import { pendingSweepProcessor } from '../community/attachments/pending-sweep.js';
import { objectStoreFromConfig } from '../storage/objects/object-store-from-config.js';
import type { Processor, WorkerResources } from './worker.js';

export const NOTIFICATIONS_QUEUE = 'notifications';

export function processors(config: Config, { redis, connection, log }: WorkerResources): Processor[] {
  const store = new GroupCommitStore(new MongoMessageStore(connection));
  // Uploaded files: retention deletes those of the messages it deletes; pending ones expire, and
  // so do those claimed by a message that was never stored.
  const objects = objectStoreFromConfig(config, connection);
  const attachments = new Attachments(connection, objects, config.attachments, config.audit.secret);
  const list: Processor[] = [
    {
      queue: RETENTION_QUEUE,
      concurrency: 1,
      every: { name: 'sweep', intervalMs: RETENTION_EVERY_MS },
      handler: async () => void (await runRetention(connection, store, log, { attachments })),
    },
    pendingSweepProcessor(attachments, log, {
      redis,
      keyPrefix: config.redis.keyPrefix,
      supportStored: (ids) => storedSupportMessages(connection, ids),
    }),
  ];
  // What the worker's own effects emit (a case the scoring opens); closed with the delivery.
  const events = eventsFromConfig(config, log);
  list.push(...scoringProcessors(config, { redis, connection, log, events: events.events }));
  list.push(reminderProcessor(config, { redis, connection, log }, store));
  list.push(...inboxProcessors(config, { redis, connection, log, events: events.events }));
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
  if (config.events.webhookUrl) {
    const deliver = deliverEvents({
      webhookUrl: config.events.webhookUrl,
      webhookSecret: config.events.webhookSecret,
    });
    list.push({
      queue: EVENTS_QUEUE,
      concurrency: 8,
      handler: (job) => deliver({ ...job, data: job.data as MarketplaceEvent }),
      close: events.close,
    });
  }
  return list;
}
