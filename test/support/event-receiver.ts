// A local HTTP endpoint standing in for the marketplace core's event webhook: it records every
// delivery with whether its signature verifies, and answers 204.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MarketplaceEvent } from '../../community/events/marketplace-events.js';
import { verifyWebhook } from '../../community/notifications/webhook-signature.js';

export interface ReceivedEvent {
  event: MarketplaceEvent;
  /** Whether X-Hubbub-Signature verifies with the secret, for its X-Hubbub-Timestamp. */
  valid: boolean;
  /** X-Hubbub-Delivery: the event's id, for deduplication. */
  delivery: string;
}

export interface EventReceiver {
  url: string;
  received: ReceivedEvent[];
  ofType<T extends MarketplaceEvent['type']>(type: T): MarketplaceEvent<T>[];
  close(): Promise<void>;
}

export async function startEventReceiver(secret: string): Promise<EventReceiver> {
  const received: ReceivedEvent[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const headers = {
        signature: String(req.headers['x-hubbub-signature']),
        timestamp: String(req.headers['x-hubbub-timestamp']),
      };
      received.push({
        event: JSON.parse(body) as MarketplaceEvent,
        valid: verifyWebhook(secret, headers, body),
        delivery: String(req.headers['x-hubbub-delivery']),
      });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hubbub`,
    received,
    ofType: <T extends MarketplaceEvent['type']>(type: T) =>
      received.filter((r) => r.event.type === type).map((r) => r.event as MarketplaceEvent<T>),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
