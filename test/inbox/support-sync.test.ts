// The support inbox end to end: a hub node and a worker against real Redis and FerretDB, and the
// Chatwoot contract double (which refuses any request that does not conform to Chatwoot's
// published OpenAPI and signs its webhooks as Chatwoot does).
import { describe, expect, it } from 'vitest';
import { INBOX_OUTBOUND_QUEUE, type OutboundJob } from '../../inbox/queues.js';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import { DEFAULT_SLA_POLICIES, type SlaPolicies } from '../../inbox/sla/policies.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient, type Frame } from '../support/ws-client.js';

// What is asserted is what arrives and how often, never how fast (except the SLA's lower bound:
// not before its time).
const waitFor = <T>(check: () => T | Promise<T>) => eventually(check, WAIT);
const nextOf = (client: TestClient, match: (f: Frame) => boolean) => client.next(match, WAIT);

const stack = useSupportStack({
  name: 'ibx',
  agents: [
    { id: 1, name: 'Ada' },
    { id: 2, name: 'Grace' },
  ],
  // No grace: reconciliation moves an offline agent's conversations at once.
  inbox: { routing: 'round_robin', teamLeadUserId: 'lead', agentCapacity: 100, offlineGraceMs: 0 },
});

async function member(id: string): Promise<{ api: ApiCall; socket: TestClient }> {
  const api = await apiAs(stack.hub.url, id, { name: `Member ${id}` });
  const socket = await TestClient.connect(stack.hub.wsUrl, await tokenFor(id, { name: `Member ${id}` }));
  await socket.ok({ type: 'subscribe', channel: `user:${id}` });
  return { api, socket };
}

const supportEvents = (socket: TestClient, kind: string): Frame[] =>
  socket.frames.filter(
    (f) => f.type === 'pub' && (f['data'] as { kind?: string } | undefined)?.kind === kind,
  );

async function start(api: ApiCall, message: string) {
  const res = await api('POST', '/api/v1/support/conversations', { subject: 'Payout missing', message });
  expect(res.status).toBe(201);
  const conversation = res.body['conversation'] as { id: string };
  const linked = await waitFor(() => {
    const c = stack.chatwootConversation(conversation.id);
    return c && stack.double.messages.some((m) => m.conversationId === c.id) ? c : undefined;
  });
  return { id: conversation.id, cw: linked };
}

describe('support conversations between members and Chatwoot', { timeout: 120_000 }, () => {
  it("delivers a member's message to Chatwoot once, as the member's contact, and routes it", async () => {
    const { api } = await member('m1');
    const { cw } = await start(api, 'My payout did not arrive');
    const contact = stack.double.contacts.find((c) => c.identifier === 'm1');
    expect(contact?.id).toBe(cw.contactId);
    const sent = stack.double.messages.filter((m) => m.conversationId === cw.id);
    expect(sent.map((m) => [m.content, m.messageType, m.sourceId?.startsWith('hub-')])).toEqual([
      ['My payout did not arrive', 0, true],
    ]);
    await waitFor(() => cw.assigneeId !== null);
    expect([1, 2]).toContain(cw.assigneeId);
    // SLA countdowns: the first-response and resolution clocks run.
    const { body } = await api('GET', '/api/v1/support/conversations');
    const [mine] = body['items'] as { sla: Record<string, string | null> }[];
    expect(Date.parse(mine?.sla['firstResponseDueAt'] ?? '')).toBeGreaterThan(Date.now());
    expect(Date.parse(mine?.sla['resolutionDueAt'] ?? '')).toBeGreaterThan(Date.now());
  });

  it("brings an agent's reply and typing to the member's socket live, and suppresses the echo", async () => {
    const { api, socket } = await member('m2');
    const { id, cw } = await start(api, 'Hello?');
    await stack.double.flushWebhooks();
    stack.double.agentTyping(cw.id, true);
    await nextOf(socket, (f) => f.type === 'typing' && f['channel'] === 'user:m2');
    stack.double.agentReply(cw.id, 'We are on it', 1);
    const pub = await nextOf(
      socket,
      (f) =>
        f.type === 'pub' &&
        (f['data'] as { kind?: string }).kind === 'support.message' &&
        JSON.stringify(f).includes('We are on it'),
    );
    expect(pub['data']).toMatchObject({
      conversationId: id,
      message: { direction: 'agent', content: 'We are on it', author: { name: 'Ada' } },
    });
    // A private note stays with the agents.
    stack.double.agentReply(cw.id, 'internal: check ledger', 1, true);
    await stack.double.flushWebhooks();
    const view = await waitFor(async () => {
      const res = await api('GET', `/api/v1/support/conversations/${id}`);
      const messages = res.body['messages'] as { content: string }[];
      return messages.length === 2 ? messages : undefined;
    });
    expect(view.map((m) => m.content)).toEqual(['Hello?', 'We are on it']);
    // The member's own message was published once (by the hub), never again by its echo.
    expect(
      supportEvents(socket, 'support.message').filter((f) => JSON.stringify(f).includes('Hello?')),
    ).toHaveLength(1);
    // The reply stopped the first-response clock.
    const conversation = await waitFor(async () => {
      const res = await api('GET', `/api/v1/support/conversations/${id}`);
      const c = res.body['conversation'] as {
        firstResponseAt: string | null;
        sla: { firstResponseDueAt: string | null };
      };
      return c.firstResponseAt ? c : undefined;
    });
    expect(conversation.sla.firstResponseDueAt).toBeNull();
  });

  it('shows agents every conversation live on support:agents, which members may not read', async () => {
    const agent = await TestClient.connect(
      stack.hub.wsUrl,
      await tokenFor('agent-feed', { roles: ['agent'] }),
    );
    try {
      await agent.ok({ type: 'subscribe', channel: 'support:agents' });
      const { api, socket } = await member('m-feed');
      const refused = await socket.request({ type: 'subscribe', channel: 'support:agents' });
      expect(refused.error).toMatchObject({ code: 'forbidden' });
      const { id, cw } = await start(api, 'Where is my invoice?');
      await nextOf(
        agent,
        (f) =>
          f.type === 'pub' &&
          (f['data'] as { kind?: string }).kind === 'support.message' &&
          JSON.stringify(f).includes('Where is my invoice?'),
      );
      stack.double.agentReply(cw.id, 'Sent it again', 1);
      const reply = await nextOf(
        agent,
        (f) => f.type === 'pub' && JSON.stringify(f['data']).includes('Sent it again'),
      );
      expect(reply['data']).toMatchObject({ kind: 'support.message', conversationId: id });
    } finally {
      agent.close();
    }
  });

  it('ignores duplicate, stale and forged webhooks', async () => {
    const { api, socket } = await member('m3');
    const { id, cw } = await start(api, 'Is anyone there?');
    stack.double.agentReply(cw.id, 'Yes, here', 2);
    await stack.double.flushWebhooks();
    const delivery = stack.double.deliveries.findLast((d) => d.body.includes('Yes, here'));
    expect(delivery?.status).toBe(202);
    const body = delivery?.body ?? '';
    // The same delivery again: de-duplicated by X-Chatwoot-Delivery.
    expect(await stack.double.deliver(body, delivery?.headers ?? {})).toBe(200);
    // A fresh delivery id but a timestamp older than five minutes: refused.
    const stale = stack.double.sign(body, Math.floor(Date.now() / 1000) - 301);
    expect(await stack.double.deliver(body, stale)).toBe(401);
    // Signed with another secret, or tampered with: refused.
    const forged = { ...stack.double.sign(body), 'x-chatwoot-signature': `sha256=${'0'.repeat(64)}` };
    expect(await stack.double.deliver(body, forged)).toBe(401);
    const tampered = stack.double.sign(body);
    expect(await stack.double.deliver(body.replace('Yes, here', 'Send me your password'), tampered)).toBe(
      401,
    );
    expect(
      await stack.double.deliver(body, { 'x-chatwoot-timestamp': tampered['x-chatwoot-timestamp'] ?? '' }),
    ).toBe(401);
    const counted = await (await fetch(`${stack.hub.url}/metrics`)).text();
    for (const outcome of ['duplicate', 'stale', 'forged', 'missing']) {
      expect(counted).toMatch(new RegExp(`hubbub_chatwoot_webhooks_total\\{outcome="${outcome}"\\} [1-9]`));
    }
    // Well signed but unusable: a malformed delivery id, not JSON, an event the hub does not handle.
    expect(await stack.double.deliver(body, stack.double.sign(body, undefined, 'bad id!'))).toBe(400);
    expect(await stack.double.deliver('not json', stack.double.sign('not json'))).toBe(400);
    const other = JSON.stringify({ event: 'webwidget_triggered' });
    expect(await stack.double.deliver(other, stack.double.sign(other))).toBe(202);
    // A redelivery with a new id (Chatwoot retrying) is applied once too: the message id is known.
    expect(await stack.double.deliver(body, stack.double.sign(body))).toBe(202);
    // Events apply in order: once a later reply shows, the redelivery before it was handled.
    stack.double.agentReply(cw.id, 'marker', 2);
    const contents = await waitFor(async () => {
      const res = await api('GET', `/api/v1/support/conversations/${id}`);
      const list = (res.body['messages'] as { content: string }[]).map((m) => m.content);
      return list.includes('marker') ? list : undefined;
    });
    expect(contents).toEqual(['Is anyone there?', 'Yes, here', 'marker']);
    await waitFor(() =>
      supportEvents(socket, 'support.message').some((f) => JSON.stringify(f).includes('marker')),
    );
    expect(
      supportEvents(socket, 'support.message').filter((f) => JSON.stringify(f).includes('Yes, here')),
    ).toHaveLength(1);
  });

  it('takes deliveries without X-Chatwoot-Delivery, de-duplicated by the event itself', async () => {
    const { api, socket } = await member('m-noid');
    const { id, cw } = await start(api, 'No delivery ids here');
    await stack.double.flushWebhooks();
    stack.double.setDeliveryIds(false);
    try {
      stack.double.agentReply(cw.id, 'Sent without an id', 1);
      await stack.double.flushWebhooks();
    } finally {
      stack.double.setDeliveryIds(true);
    }
    const delivery = stack.double.deliveries.findLast((d) => d.body.includes('Sent without an id'));
    expect(delivery?.headers['x-chatwoot-delivery']).toBeUndefined();
    expect(delivery?.status).toBe(202);
    await nextOf(socket, (f) => f.type === 'pub' && JSON.stringify(f).includes('Sent without an id'));
    // Chatwoot retrying the same event (same body, newly signed, still no id): a duplicate.
    const again = stack.double.sign(delivery?.body ?? '');
    delete again['x-chatwoot-delivery'];
    expect(await stack.double.deliver(delivery?.body ?? '', again)).toBe(200);
    const res = await api('GET', `/api/v1/support/conversations/${id}`);
    const contents = (res.body['messages'] as { content: string }[]).map((m) => m.content);
    expect(contents).toEqual(['No delivery ids here', 'Sent without an id']);
  });

  it('queues work during an outage of Chatwoot and delivers it later, in order, exactly once', async () => {
    const { api } = await member('m4');
    const { id, cw } = await start(api, 'first');
    stack.double.setOutage('refuse');
    for (const text of ['second', 'third']) {
      expect(
        (await api('POST', `/api/v1/support/conversations/${id}/messages`, { content: text })).status,
      ).toBe(201);
    }
    await new Promise((r) => setTimeout(r, 1_500));
    expect(stack.double.messages.filter((m) => m.conversationId === cw.id)).toHaveLength(1);
    stack.double.setOutage('none');
    // The jobs retry with exponential backoff (1 s, doubling): on a busy machine the outage can
    // push the next try past 16 s, so this wait allows for one more doubling than WAIT does.
    await eventually(
      () => stack.double.messages.filter((m) => m.conversationId === cw.id).length >= 3,
      2 * WAIT,
    );
    await new Promise((r) => setTimeout(r, 1_000)); // nothing more arrives
    expect(stack.double.messages.filter((m) => m.conversationId === cw.id).map((m) => m.content)).toEqual([
      'first',
      'second',
      'third',
    ]);
  });

  it('syncs status, assignment and labels both ways', async () => {
    const { api, socket } = await member('m5');
    const agent = await apiAs(stack.hub.url, 'agent-7', { name: 'Agent Seven', roles: ['agent'] });
    const { id, cw } = await start(api, 'Please check my invoice');
    // Hub → Chatwoot.
    expect(
      (await agent('PUT', `/api/v1/support/conversations/${id}/labels`, { labels: ['billing', 'vip'] }))
        .status,
    ).toBe(200);
    expect(
      (await agent('POST', `/api/v1/support/conversations/${id}/assignment`, { agentId: 2 })).status,
    ).toBe(200);
    await waitFor(() => cw.labels.join() === 'billing,vip' && cw.assigneeId === 2);
    // Members may not do agents' work.
    expect(
      (await api('POST', `/api/v1/support/conversations/${id}/status`, { status: 'resolved' })).status,
    ).toBe(403);
    // Chatwoot → hub, live to the member.
    stack.double.agentSetStatus(cw.id, 'resolved');
    const update = await nextOf(
      socket,
      (f) =>
        f.type === 'pub' &&
        (f['data'] as { kind?: string }).kind === 'support.conversation' &&
        JSON.stringify(f).includes('"resolved"'),
    );
    expect(update['data']).toMatchObject({
      conversation: { id, status: 'resolved', labels: ['billing', 'vip'] },
    });
    stack.double.agentLabel(cw.id, ['billing']);
    await waitFor(async () => {
      const res = await agent('GET', `/api/v1/support/conversations/${id}`);
      return (res.body['conversation'] as { labels: string[] }).labels.join() === 'billing';
    });
    // Snoozing from the hub reaches Chatwoot with its time.
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (
        await agent('POST', `/api/v1/support/conversations/${id}/status`, {
          status: 'snoozed',
          snoozedUntil: until,
        })
      ).status,
    ).toBe(200);
    await waitFor(() => cw.status === 'snoozed' && cw.snoozedUntil === Math.floor(Date.parse(until) / 1000));
  });

  it('repairs drift by reconciliation: missed webhooks, and conversations of agents gone offline', async () => {
    const { api, socket } = await member('m9');
    const { id, cw } = await start(api, 'Where is my refund?');
    await waitFor(() => cw.assigneeId !== null);
    await stack.double.flushWebhooks();
    // Chatwoot changes while its webhooks do not reach the hub.
    stack.double.setWebhookUrl('http://127.0.0.1:9/unreachable');
    stack.double.agentSetStatus(cw.id, 'pending');
    stack.double.agentLabel(cw.id, ['refund']);
    const holder = cw.assigneeId as number;
    stack.double.setAvailability(holder, 'offline');
    await stack.double.flushWebhooks();
    stack.double.setWebhookUrl(`${stack.hub.url}/webhooks/chatwoot`);
    try {
      const queue = new BullJobQueue<OutboundJob>(INBOX_OUTBOUND_QUEUE, {
        keyPrefix: stack.hub.config.redis.keyPrefix,
        redis: stack.hub.config.redis,
      });
      await queue.add('reconcile', { op: 'reconcile' });
      await queue.close();
      const update = await nextOf(
        socket,
        (f) => f.type === 'pub' && JSON.stringify(f).includes('"pending"') && JSON.stringify(f).includes(id),
      );
      expect(update['data']).toMatchObject({ conversation: { status: 'pending', labels: ['refund'] } });
      await waitFor(() => cw.assigneeId !== holder && cw.assigneeId !== null);
    } finally {
      stack.double.setAvailability(holder, 'online');
    }
  });

  it('keeps conversations private to their member', async () => {
    const { api } = await member('m6');
    const { id } = await start(api, 'mine');
    const other = await apiAs(stack.hub.url, 'm7');
    expect((await other('GET', `/api/v1/support/conversations/${id}`)).status).toBe(404);
    expect(
      (await other('POST', `/api/v1/support/conversations/${id}/messages`, { content: 'hi' })).status,
    ).toBe(404);
    expect((await other('GET', '/api/v1/support/conversations')).body['items']).toEqual([]);
    expect((await other('GET', '/api/v1/support/metrics')).status).toBe(403);
  });
});

describe('SLA escalation with real timers', { timeout: 120_000 }, () => {
  it('escalates a first-response breach on time: priority up, reassigned, team lead told live', async () => {
    const policy = { firstResponseMs: 1_500, nextResponseMs: 60_000, resolutionMs: 3_600_000 };
    const slaPolicies = {
      warnAt: 0.5,
      byPriority: Object.fromEntries(Object.keys(DEFAULT_SLA_POLICIES.byPriority).map((p) => [p, policy])),
    } as SlaPolicies;
    // Queues of their own (another key prefix), so only this worker runs these SLA timers.
    const sla = await stack.startNode({ name: 'sla', overrides: { slaPolicies } });
    const slaHub = sla.hub;
    try {
      const lead = await TestClient.connect(slaHub.wsUrl, await tokenFor('lead', { name: 'Lead' }));
      await lead.ok({ type: 'subscribe', channel: 'user:lead' });
      const api = await apiAs(slaHub.url, 'm8');
      const startedAt = Date.now();
      const res = await api('POST', '/api/v1/support/conversations', {
        subject: 'Urgent',
        message: 'Account locked',
      });
      const id = (res.body['conversation'] as { id: string }).id;
      const cw = await waitFor(() =>
        stack.double.conversations.find(
          (c) => c.custom_attributes['hubbub_conversation_id'] === id && c.assigneeId !== null,
        ),
      );
      const assigned = cw.assigneeId;
      const warning = await nextOf(lead, (f) => f.type === 'pub' && JSON.stringify(f).includes('"warning"'));
      expect(warning['data']).toMatchObject({
        kind: 'support.sla',
        conversationId: id,
        target: 'first_response',
      });
      const breach = await nextOf(lead, (f) => f.type === 'pub' && JSON.stringify(f).includes('"breach"'));
      const lateMs = Date.now() - startedAt;
      expect(breach['data']).toMatchObject({
        kind: 'support.sla',
        target: 'first_response',
        stage: 'breach',
      });
      expect(lateMs).toBeGreaterThanOrEqual(1_400);
      expect(lateMs).toBeLessThan(WAIT); // on a loaded machine, workers may be late; never early
      await waitFor(() => cw.priority === 'low' && cw.assigneeId !== assigned);
      const agent = await apiAs(slaHub.url, 'agent-9', { roles: ['agent'] });
      const metrics = await agent('GET', '/api/v1/support/metrics');
      expect(metrics.body['breaches']).toMatchObject({ first_response: 1 });
      expect(metrics.body['breachRate'] as number).toBeGreaterThan(0);
      const scrape = await (await fetch(`${slaHub.url}/metrics`)).text();
      expect(scrape).toMatch(/hubbub_support_sla_breach_ratio \d/);
      // The double sends its webhooks to the first hub.
      const first = await (await fetch(`${stack.hub.url}/metrics`)).text();
      expect(first).toMatch(/hubbub_chatwoot_webhooks_total\{outcome="accepted"\} [1-9]/);
    } finally {
      await sla.stop();
    }
  });
});
