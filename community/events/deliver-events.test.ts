// Marketplace events against real Redis and BullMQ and a local HTTP receiver standing in for the
// marketplace core: each event arrives signed, with its id as the delivery id on every attempt;
// a 500 is retried; an event refused on every attempt becomes a dead letter, which can be retried.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import { testConfig } from '../../test/support/config.js';
import { eventually } from '../../test/support/wait.js';
import { verifyWebhook } from '../notifications/webhook-signature.js';
import { deliverEvents } from './deliver-events.js';
import { EVENTS_QUEUE, QueuedMarketplaceEvents } from './event-queue.js';
import type { MarketplaceEvent } from './marketplace-events.js';

const SECRET = 'marketplace-events-secret-0123456789';

interface Delivery {
  status: number;
  body: MarketplaceEvent;
  valid: boolean;
  delivery: string;
  type: string;
}

describe('marketplace event webhooks', () => {
  const keyPrefix = `evt${randomUUID().slice(0, 6)}`;
  const { redis } = testConfig();
  let queue: BullJobQueue<MarketplaceEvent>;
  let server: Server;
  const deliveries: Delivery[] = [];
  /** How the receiver answers an event, by its userId. */
  const answers = new Map<string, number[]>();
  const logged: unknown[] = [];

  beforeAll(async () => {
    queue = new BullJobQueue(EVENTS_QUEUE, { keyPrefix, redis });
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as MarketplaceEvent;
        const userId = (body.data as { userId?: string }).userId ?? '';
        const status = answers.get(userId)?.shift() ?? 204;
        deliveries.push({
          status,
          body,
          valid: verifyWebhook(
            SECRET,
            {
              signature: String(req.headers['x-hubbub-signature']),
              timestamp: String(req.headers['x-hubbub-timestamp']),
            },
            text,
          ),
          delivery: String(req.headers['x-hubbub-delivery']),
          type: String(req.headers['x-hubbub-event']),
        });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hubbub`;
    queue.consume(deliverEvents({ webhookUrl, webhookSecret: SECRET }), { concurrency: 4 });
  });
  afterAll(async () => {
    await queue.obliterate();
    await queue.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const events = () =>
    new QueuedMarketplaceEvents(queue, {
      attempts: 3,
      backoffMs: 50,
      log: { error: (e: unknown) => logged.push(e) },
    });
  const userOf = (e: MarketplaceEvent) => (e.data as { userId?: string }).userId;
  const of = (userId: string) => deliveries.filter((d) => userOf(d.body) === userId);

  it('delivers an event signed, with its id as the delivery id and its type as a header', async () => {
    await events().emit('member.joined', 'c1', { userId: 'ann', name: 'Ann', via: 'join' });
    await eventually(() => of('ann').length === 1);
    const [d] = of('ann');
    expect(d?.valid).toBe(true);
    expect(d?.type).toBe('member.joined');
    expect(d?.body).toEqual({
      id: d?.delivery,
      type: 'member.joined',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      communityId: 'c1',
      data: { userId: 'ann', name: 'Ann', via: 'join' },
    });
    expect(d?.delivery).toMatch(/^evt_[0-9a-f-]{36}$/);
  });

  it('retries after a 500 with the same delivery id, and delivers once it is accepted', async () => {
    answers.set('bob', [500]);
    await events().emit('member.left', 'c1', { userId: 'bob', reason: 'kicked', by: 'mo' });
    await eventually(() => of('bob').length === 2, 10_000);
    const [failed, accepted] = of('bob');
    expect(failed?.status).toBe(500);
    expect(accepted?.status).toBe(204);
    expect(accepted?.valid).toBe(true);
    expect(accepted?.delivery).toBe(failed?.delivery);
    expect(accepted?.body).toEqual(failed?.body);
  });

  it('keeps an event refused on every attempt as a dead letter, and delivers it when retried', async () => {
    answers.set('carol', [500, 503, 500]);
    await events().emit('member.joined', 'c2', { userId: 'carol', name: null, via: 'service' });
    await eventually(async () => (await queue.deadLetters()).some((d) => userOf(d.data) === 'carol'), 15_000);
    expect(of('carol').map((d) => d.status)).toEqual([500, 503, 500]);
    const dead = (await queue.deadLetters()).find((d) => userOf(d.data) === 'carol');
    expect(dead?.id).toBe(of('carol')[0]?.delivery);
    expect(dead?.error).toMatch(/answered 500/);
    await queue.retryDeadLetter(dead?.id ?? '');
    await eventually(() => of('carol').length === 4, 10_000);
    expect(of('carol')[3]).toMatchObject({ status: 204, valid: true, delivery: dead?.id });
    expect((await queue.deadLetters()).some((d) => d.id === dead?.id)).toBe(false);
  });

  it('queues an event once however often its job is added', async () => {
    const event: MarketplaceEvent<'member.joined'> = {
      id: `evt_${randomUUID()}`,
      type: 'member.joined',
      occurredAt: new Date().toISOString(),
      communityId: 'c3',
      data: { userId: 'dave', name: null, via: 'join' },
    };
    await queue.add(event.type, event, { id: event.id });
    await queue.add(event.type, event, { id: event.id });
    await eventually(() => of('dave').length === 1);
    await eventually(async () => (await queue.counts()).waiting + (await queue.counts()).active === 0);
    expect(of('dave')).toHaveLength(1);
    expect(logged).toEqual([]);
  });
});
