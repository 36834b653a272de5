// Chatwoot's events of one conversation apply in the order Chatwoot sent them, with three workers
// consuming the events queue at once, and an event older than the state already applied (by
// Chatwoot's own `updated_at`) never overwrites it. A hub node with three workers against real
// Redis and FerretDB, and the Chatwoot contract double.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { inboxProcessors } from '../../inbox/processors.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { FAST_RETRY, SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

const stack = useSupportStack({ name: 'eor' });
const more: WorkerProcess[] = [];

beforeAll(async () => {
  // Two more workers on the same queues: three consumers of the events queue.
  for (let i = 0; i < 2; i++) {
    const config = stack.hub.config;
    more.push(await startWorker(config, (resources) => inboxProcessors(config, resources, FAST_RETRY)));
  }
}, 60_000);

afterAll(async () => {
  for (const worker of more) await worker.shutdown();
}, 60_000);

async function open(api: ApiCall, subject: string) {
  const res = await api('POST', '/api/v1/support/conversations', { subject, message: 'hello' });
  const id = (res.body['conversation'] as { id: string }).id;
  const cw = await eventually(() => stack.chatwootConversation(id), WAIT);
  await eventually(async () => {
    const view = await api('GET', `/api/v1/support/conversations/${id}`);
    return (
      (view.body['messages'] as unknown[]).length === 1 &&
      stack.double.messages.some((m) => m.conversationId === cw.id)
    );
  }, WAIT);
  await stack.double.flushWebhooks();
  return { id, cw };
}

describe("one conversation's Chatwoot events", { timeout: 120_000 }, () => {
  it('apply in order with three workers', async () => {
    const member = await apiAs(stack.hub.url, 'eor-m1');
    const { id, cw } = await open(member, 'Ordering');
    const statuses = ['pending', 'open', 'pending', 'resolved', 'open', 'pending'];
    for (let i = 0; i < 24; i++) {
      stack.double.agentReply(cw.id, `reply ${i}`, 1);
      if (i % 4 === 3) stack.double.agentSetStatus(cw.id, statuses[(i - 3) / 4] as string);
    }
    await stack.double.flushWebhooks();
    const view = await eventually(async () => {
      const res = await member('GET', `/api/v1/support/conversations/${id}`);
      return (res.body['messages'] as unknown[]).length === 25 ? res.body : undefined;
    }, WAIT);
    const contents = (view['messages'] as { content: string }[]).map((m) => m.content);
    expect(contents).toEqual(['hello', ...Array.from({ length: 24 }, (_, i) => `reply ${i}`)]);
    await eventually(async () => {
      const res = await member('GET', `/api/v1/support/conversations/${id}`);
      return (res.body['conversation'] as { status: string }).status === 'pending';
    }, WAIT);
  });

  it('never let a stale event overwrite newer state', async () => {
    const member = await apiAs(stack.hub.url, 'eor-m2');
    const { id, cw } = await open(member, 'Staleness');
    stack.double.agentSetStatus(cw.id, 'pending');
    await stack.double.flushWebhooks();
    const old = stack.double.deliveries.findLast((d) => {
      const body = JSON.parse(d.body) as { event: string; id: number; status: string };
      return body.event === 'conversation_updated' && body.id === cw.id && body.status === 'pending';
    });
    expect(old).toBeDefined();
    stack.double.agentSetStatus(cw.id, 'resolved');
    await stack.double.flushWebhooks();
    const statusOf = async () =>
      (
        (await member('GET', `/api/v1/support/conversations/${id}`)).body['conversation'] as {
          status: string;
        }
      ).status;
    await eventually(async () => (await statusOf()) === 'resolved', WAIT);
    const socket = await TestClient.connect(stack.hub.wsUrl, await tokenFor('eor-m2'));
    try {
      await socket.ok({ type: 'subscribe', channel: 'user:eor-m2' });
      // The older event again, newly signed (Chatwoot retrying it late): accepted, not applied.
      expect(await stack.double.deliver(old?.body ?? '', stack.double.sign(old?.body ?? ''))).toBe(202);
      // A later event of the conversation applies after it (in order), and is published after it.
      stack.double.agentLabel(cw.id, ['late-check']);
      await socket.next((f) => f.type === 'pub' && JSON.stringify(f).includes('late-check'), WAIT);
      const statuses = socket
        .pubs('user:eor-m2')
        .map((f) => (f['data'] as { conversation?: { status: string } }).conversation?.status);
      expect(statuses).not.toContain('pending');
    } finally {
      socket.close();
    }
    expect(await statusOf()).toBe('resolved');
  });
});
