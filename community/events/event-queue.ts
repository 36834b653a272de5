// Marketplace events queued for delivery through the JobQueue seam (BullMQ): one job per event,
// its id the event's id, so a job added twice is delivered once, and a job that failed every
// attempt stays in the queue's dead letters (`hub queue dead-letters events`).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import {
  NO_EVENTS,
  type MarketplaceEvent,
  type MarketplaceEventData,
  type MarketplaceEventType,
  type MarketplaceEvents,
} from './marketplace-events.js';

export const EVENTS_QUEUE = 'events';

export interface QueuedEventsOptions {
  /** Delivery attempts per event, the first included. */
  attempts: number;
  /** First retry delay, doubled per retry. */
  backoffMs: number;
  log: Pick<Logger, 'error'>;
}

export class QueuedMarketplaceEvents implements MarketplaceEvents {
  constructor(
    private readonly queue: JobQueue<MarketplaceEvent>,
    private readonly options: QueuedEventsOptions,
  ) {}

  async emit<T extends MarketplaceEventType>(
    type: T,
    communityId: string | null,
    data: MarketplaceEventData[T],
  ): Promise<void> {
    const event: MarketplaceEvent<T> = {
      id: `evt_${randomUUID()}`,
      type,
      occurredAt: new Date().toISOString(),
      communityId,
      data,
    };
    try {
      await this.queue.add(type, event, {
        id: event.id,
        attempts: this.options.attempts,
        backoffMs: this.options.backoffMs,
      });
    } catch (err) {
      this.options.log.error({ err, event }, 'marketplace event not queued; it will not be delivered');
    }
  }
}

/** The events sink of a hub node or worker: queued when a webhook URL is configured, else none. */
export function eventsFromConfig(
  config: Pick<Config, 'events' | 'redis'>,
  log: Pick<Logger, 'error'>,
): { events: MarketplaceEvents; close: () => Promise<void> } {
  if (!config.events.webhookUrl) return { events: NO_EVENTS, close: async () => {} };
  const queue = new BullJobQueue<MarketplaceEvent>(EVENTS_QUEUE, {
    keyPrefix: config.redis.keyPrefix,
    redis: config.redis,
  });
  const { attempts, backoffMs } = config.events;
  return {
    events: new QueuedMarketplaceEvents(queue, { attempts, backoffMs, log }),
    close: () => queue.close(),
  };
}
