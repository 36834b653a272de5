// Reminders: one delayed job per session, scheduled when it is created or moved, handled by a
// worker that tells every member who marked interest (on their `user:<id>` topic). The job id
// carries the start time, so moving a session schedules a new reminder and the old one, finding
// the start changed, does nothing.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import { brokerFromConfig } from '../../realtime/broker/broker.factory.js';
import { Publisher } from '../../realtime/publisher.js';
import type { MessageStore } from '../../storage/messages/message-store.js';
import type { JobHandler, JobQueue } from '../../storage/queue/job-queue.js';
import type { RedisClient } from '../../storage/redis.js';
import { interestModel, liveSessionModel } from './session.model.js';
import { userTopic } from '../../protocol/index.js';

export const REMINDERS_QUEUE = 'live-session-reminders';

export interface ReminderJob {
  sessionId: string;
  /** The start time (ms) the reminder was scheduled for. */
  startsAtMs: number;
}

export async function scheduleReminder(
  queue: JobQueue<ReminderJob> | undefined,
  sessionId: string,
  startsAt: Date,
  leadS: number,
): Promise<void> {
  if (!queue) return;
  const startsAtMs = startsAt.getTime();
  await queue.add(
    'remind',
    { sessionId, startsAtMs },
    { id: `remind-${sessionId}-${startsAtMs}`, delayMs: Math.max(0, startsAtMs - leadS * 1000 - Date.now()) },
  );
}

export interface ReminderEvent {
  kind: 'live_session_reminder';
  sessionId: string;
  communityId: string;
  title: string;
  startsAt: string;
}

/** The worker's handler: idempotent by job id (the publish nonce is the same on a retry). */
export function remindInterested(connection: Connection, publisher: Publisher, log: Logger) {
  return async (job: { id: string; data: ReminderJob }): Promise<void> => {
    const session = await liveSessionModel(connection).findById(job.data.sessionId).lean();
    if (!session || session.status !== 'scheduled' || session.startsAt.getTime() !== job.data.startsAtMs) {
      return; // cancelled, started early, or moved: a newer reminder (if any) takes over
    }
    const event: ReminderEvent = {
      kind: 'live_session_reminder',
      sessionId: job.data.sessionId,
      communityId: session.communityId.toHexString(),
      title: session.title,
      startsAt: session.startsAt.toISOString(),
    };
    const marks = await interestModel(connection).find({ sessionId: session._id }).lean();
    for (const { userId } of marks) {
      await publisher.publish(userTopic(userId), {
        nonce: `${job.id}-${userId}`,
        data: JSON.stringify(event),
        info: { id: 'hubbub', name: 'Hubbub' },
      });
    }
    log.info({ sessionId: job.data.sessionId, reminded: marks.length }, 'live session reminder sent');
  };
}

/** The worker's entry for hub/processors.ts: a publisher of its own over the worker's Redis. */
export function reminderProcessor(
  config: Config,
  resources: { redis: RedisClient; connection: Connection; log: Logger },
  store: MessageStore,
): { queue: string; concurrency: number; handler: JobHandler<unknown> } {
  const broker = brokerFromConfig(config, resources.redis, 'worker-reminders');
  const remind = remindInterested(
    resources.connection,
    new Publisher(broker, store, 'worker-reminders'),
    resources.log,
  );
  return {
    queue: REMINDERS_QUEUE,
    concurrency: 4,
    handler: (job) => remind({ id: job.id, data: job.data as ReminderJob }),
  };
}
