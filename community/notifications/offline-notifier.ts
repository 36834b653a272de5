// Offline notifications: when a member is mentioned or gets a direct message while they have
// no live connection, the marketplace core hears of it by a signed webhook, so it can email or
// push. Events of one user are batched: each lands in the user's pending list, and one delayed
// job per user and batch window sends whatever the list holds then. A failed send is retried
// with backoff (the list is trimmed only after a 2xx), so an outage of the core loses nothing.
import type { RedisClient } from '../../storage/redis.js';
import { keySpace } from '../../storage/redis-keys.js';
import type { Job, JobQueue } from '../../storage/queue/job-queue.js';
import { signWebhook } from './webhook-signature.js';

export interface NotificationEvent {
  kind: 'mention' | 'dm';
  communityId: string | null;
  channelId: string;
  messageId: string;
  from: { id: string; name: string };
  /** The start of the message, as plain text. */
  excerpt: string;
  at: number;
}

export interface NotificationJob {
  userId: string;
}

export interface OfflineNotifierOptions {
  keyPrefix: string;
  batchMs: number;
  attempts: number;
  /** First retry delay of a failed webhook, doubled per retry. */
  backoffMs?: number;
  /** Whether the user has a live connection anywhere. */
  isOnline: (userId: string) => Promise<boolean>;
}

/** Events kept per user while the core is unreachable; the oldest go first past it. */
const MAX_PENDING = 500;
const MAX_PER_WEBHOOK = 100;

export class OfflineNotifier {
  constructor(
    private readonly redis: RedisClient,
    private readonly queue: JobQueue<NotificationJob>,
    private readonly options: OfflineNotifierOptions,
  ) {}

  /** Queues the event unless the user is online; resolves to whether it was queued. */
  async notify(userId: string, event: NotificationEvent): Promise<boolean> {
    if (await this.options.isOnline(userId)) return false;
    const key = keySpace(this.options.keyPrefix).notifications(userId);
    await this.redis.multi().rpush(key, JSON.stringify(event)).ltrim(key, -MAX_PENDING, -1).exec();
    const window = Math.floor(Date.now() / this.options.batchMs);
    await this.queue.add(
      'deliver',
      { userId },
      {
        id: `notify-${userId}-${window}`,
        delayMs: this.options.batchMs,
        attempts: this.options.attempts,
        backoffMs: this.options.backoffMs ?? 1_000,
      },
    );
    return true;
  }
}

export interface DeliveryOptions {
  keyPrefix: string;
  webhookUrl: string;
  webhookSecret: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The worker's processor for the notifications queue. */
export function deliverNotifications(
  redis: RedisClient,
  queue: JobQueue<NotificationJob>,
  options: DeliveryOptions,
) {
  return async (job: Job<NotificationJob>): Promise<void> => {
    const keys = keySpace(options.keyPrefix);
    const key = keys.notifications(job.data.userId);
    // One sender per user at a time: two batch windows' jobs can fall due together, and both
    // would send the same events under different delivery ids. The one holding the mark sends
    // what is pending and queues another job for anything that arrives meanwhile.
    const sending = keys.notificationsSending(job.data.userId);
    const timeoutMs = options.timeoutMs ?? 10_000;
    if ((await redis.set(sending, job.id, 'PX', timeoutMs + 5_000, 'NX')) !== 'OK') return;
    try {
      await send(key, job);
    } finally {
      await redis.eval(RELEASE, 1, sending, job.id);
    }
  };

  async function send(key: string, job: Job<NotificationJob>): Promise<void> {
    const pending = await redis.lrange(key, 0, MAX_PER_WEBHOOK - 1);
    if (pending.length === 0) return;
    const body = `{"userId":${JSON.stringify(job.data.userId)},"events":[${pending.join(',')}]}`;
    const timestampS = Math.floor(Date.now() / 1000);
    const response = await (options.fetch ?? fetch)(options.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubbub-signature': signWebhook(options.webhookSecret, timestampS, body),
        'x-hubbub-timestamp': String(timestampS),
        // Same events, same id: the core can drop a delivery it already handled.
        'x-hubbub-delivery': `${job.id}-${pending.length}`,
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`notifications webhook answered ${response.status}`);
    await redis.ltrim(key, pending.length, -1);
    // More than one webhook's worth was waiting: send the rest now rather than at the next event.
    if ((await redis.llen(key)) > 0) {
      await queue.add('deliver', job.data, { id: `notify-${job.data.userId}-more-${Date.now()}` });
    }
  }
}

/** Deletes the sending mark only if this job still holds it (it may have expired and moved on). */
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
