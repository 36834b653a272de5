// SLA clocks of support conversations: a new conversation's due times survive the worker linking
// and assigning it at the same moment; a priority change moves the clocks that run, wherever it
// is made: set through the hub's API (whose answer shows the new due times) or by an agent in
// Chatwoot (its webhook), and the new targets are enforced by new timers (the team lead hears of
// the breach at the new due time). A hub node and a worker against real Redis and FerretDB, and
// the Chatwoot contract double.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES, type SlaPolicies } from '../../inbox/sla/policies.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

const HOUR = 3_600_000;
// Slow clocks at the default priority; a first response due two seconds after the opening at
// `high`, so its breach can be waited for.
const slow = { firstResponseMs: HOUR, nextResponseMs: HOUR, resolutionMs: 10 * HOUR };
const slaPolicies: SlaPolicies = {
  warnAt: 0.99,
  byPriority: {
    ...DEFAULT_SLA_POLICIES.byPriority,
    none: slow,
    low: slow,
    high: { firstResponseMs: 2_000, nextResponseMs: HOUR, resolutionMs: 5 * HOUR },
  },
};

const stack = useSupportStack({
  name: 'slp',
  agents: [
    { id: 1, name: 'Ada' },
    { id: 2, name: 'Grace' },
  ],
  inbox: { routing: 'round_robin', teamLeadUserId: 'slp-lead', agentCapacity: 100 },
  overrides: { slaPolicies },
});

interface View {
  id: string;
  priority: string;
  createdAt: string;
  sla: { firstResponseDueAt: string | null; resolutionDueAt: string | null };
}

async function open(api: ApiCall, subject: string): Promise<View> {
  const res = await api('POST', '/api/v1/support/conversations', { subject, message: 'Help, please' });
  expect(res.status).toBe(201);
  return res.body['conversation'] as View;
}

const due = (view: View, ms: number) => new Date(Date.parse(view.createdAt) + ms).toISOString();

describe('SLA clocks of new conversations', { timeout: 120_000 }, () => {
  it('keep their due times while the worker links and assigns the conversations', async () => {
    const member = await apiAs(stack.hub.url, 'slp-many');
    const opened = await Promise.all(Array.from({ length: 16 }, (_, i) => open(member, `Question ${i}`)));
    // Linked and assigned: the worker has written both to the hub's records (the assignment also
    // comes back by webhook).
    const stored = await eventually(async () => {
      const res = await member('GET', '/api/v1/support/conversations?status=all');
      const views = res.body['items'] as (View & { assigneeId: number | null })[];
      const linked = opened.every((o) => stack.chatwootConversation(o.id)?.assigneeId);
      return linked && views.every((v) => v.assigneeId !== null)
        ? new Map(views.map((v) => [v.id, v]))
        : undefined;
    }, WAIT);
    for (const o of opened) {
      const view = stored.get(o.id);
      expect(view?.sla, o.id).toEqual({
        firstResponseDueAt: due(o, HOUR),
        nextResponseDueAt: null,
        resolutionDueAt: due(o, 10 * HOUR),
      });
      expect(view?.assigneeId, o.id).toBe(stack.chatwootConversation(o.id)?.assigneeId);
    }
  });
});

describe('SLA clocks follow the priority', { timeout: 120_000 }, () => {
  it('set through the hub: the answer shows the new due times, and the new target is enforced', async () => {
    const lead = await TestClient.connect(stack.hub.wsUrl, await tokenFor('slp-lead'));
    try {
      await lead.ok({ type: 'subscribe', channel: 'user:slp-lead' });
      const member = await apiAs(stack.hub.url, 'slp-m1');
      const agent = await apiAs(stack.hub.url, 'slp-agent', { roles: ['agent'] });
      const opened = await open(member, 'Locked out');
      expect(opened.sla).toEqual({
        firstResponseDueAt: due(opened, HOUR),
        nextResponseDueAt: null,
        resolutionDueAt: due(opened, 10 * HOUR),
      });
      const res = await agent('POST', `/api/v1/support/conversations/${opened.id}/priority`, {
        priority: 'high',
      });
      expect(res.status).toBe(200);
      expect((res.body as unknown as View).sla).toEqual({
        firstResponseDueAt: due(opened, 2_000),
        nextResponseDueAt: null,
        resolutionDueAt: due(opened, 5 * HOUR),
      });
      const breach = await lead.next(
        (f) =>
          f.type === 'pub' && JSON.stringify(f).includes('"breach"') && JSON.stringify(f).includes(opened.id),
        WAIT,
      );
      expect(breach['data']).toMatchObject({
        kind: 'support.sla',
        conversationId: opened.id,
        target: 'first_response',
        dueAt: due(opened, 2_000),
      });
    } finally {
      lead.close();
    }
  });

  it('set in Chatwoot: the clocks move as when set in the hub', async () => {
    const lead = await TestClient.connect(stack.hub.wsUrl, await tokenFor('slp-lead'));
    try {
      await lead.ok({ type: 'subscribe', channel: 'user:slp-lead' });
      const member = await apiAs(stack.hub.url, 'slp-m2');
      const opened = await open(member, 'Card declined');
      const cw = await eventually(() => stack.chatwootConversation(opened.id), WAIT);
      stack.double.agentSetPriority(cw.id, 'high');
      const moved = await eventually(async () => {
        const res = await member('GET', `/api/v1/support/conversations/${opened.id}`);
        const view = res.body['conversation'] as View;
        return view.sla.firstResponseDueAt === due(opened, 2_000) ? view : undefined;
      }, WAIT);
      expect(moved.priority).toBe('high');
      expect(moved.sla.resolutionDueAt).toBe(due(opened, 5 * HOUR));
      const breach = await lead.next(
        (f) =>
          f.type === 'pub' && JSON.stringify(f).includes('"breach"') && JSON.stringify(f).includes(opened.id),
        WAIT,
      );
      expect(breach['data']).toMatchObject({ target: 'first_response', dueAt: due(opened, 2_000) });
    } finally {
      lead.close();
    }
  });
});
