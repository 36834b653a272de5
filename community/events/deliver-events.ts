// The worker's processor for the events queue: POSTs one event to the marketplace core, signed
// as Hubbub signs every outgoing webhook (notifications/webhook-signature.ts), with the event's
// id as X-Hubbub-Delivery on every attempt. Anything but a 2xx fails the attempt; the queue
// retries with backoff, and keeps the event as a dead letter after the last one.
import type { Job } from '../../storage/queue/job-queue.js';
import { signWebhook } from '../notifications/webhook-signature.js';
import type { MarketplaceEvent } from './marketplace-events.js';

export interface EventDeliveryOptions {
  webhookUrl: string;
  webhookSecret: string;
  timeoutMs?: number;
}

export function deliverEvents(options: EventDeliveryOptions) {
  return async (job: Job<MarketplaceEvent>): Promise<void> => {
    const event = job.data;
    const body = JSON.stringify(event);
    const timestampS = Math.floor(Date.now() / 1000);
    const response = await fetch(options.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubbub-event': event.type,
        'x-hubbub-delivery': event.id,
        'x-hubbub-signature': signWebhook(options.webhookSecret, timestampS, body),
        'x-hubbub-timestamp': String(timestampS),
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`events webhook answered ${response.status} to ${event.id}`);
  };
}
