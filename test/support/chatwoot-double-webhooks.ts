// The contract double's webhooks, signed the way Chatwoot signs them:
// X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">, with
// X-Chatwoot-Timestamp (Unix seconds) and X-Chatwoot-Delivery (a unique id per delivery). Sent one
// after another, in the order the double's state changed.
import { createHmac, randomUUID } from 'node:crypto';
import type { Delivery, DoubleOptions, Json } from './chatwoot-double-model.js';

export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  private chain: Promise<void> = Promise.resolve();

  /** Reads the URL and secret from the double's options at each send (the URL may be set later). */
  constructor(private readonly options: Pick<DoubleOptions, 'webhookUrl' | 'webhookSecret'>) {}

  /** Whether deliveries carry X-Chatwoot-Delivery (Chatwoot sends it only when it has one). */
  withDeliveryIds = true;

  /** Queues one event's delivery; nothing is sent while no URL is set. */
  send(event: string, data: Json): void {
    const url = this.options.webhookUrl;
    if (!url) return;
    const body = JSON.stringify({ event, ...data });
    const id = randomUUID();
    const headers = this.sign(body, undefined, id);
    if (!this.withDeliveryIds) delete headers['x-chatwoot-delivery'];
    const delivery: Delivery = { id, body, headers };
    this.deliveries.push(delivery);
    this.chain = this.chain.then(async () => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...delivery.headers },
          body,
        });
        delivery.status = res.status;
      } catch {
        delivery.status = 0;
      }
    });
  }

  /** Posts a raw body with the given headers (for tests of forged, stale and replayed deliveries). */
  async deliver(body: string, headers: Record<string, string>): Promise<number> {
    const res = await fetch(this.options.webhookUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return res.status;
  }

  sign(
    body: string,
    timestampS = Math.floor(Date.now() / 1000),
    deliveryId: string = randomUUID(),
  ): Record<string, string> {
    const signature = createHmac('sha256', this.options.webhookSecret ?? '')
      .update(`${timestampS}.${body}`)
      .digest('hex');
    return {
      'x-chatwoot-signature': `sha256=${signature}`,
      'x-chatwoot-timestamp': String(timestampS),
      'x-chatwoot-delivery': deliveryId,
    };
  }

  /** Waits until every webhook sent so far has been answered. */
  flush(): Promise<void> {
    return this.chain;
  }
}
