// The support inbox's agents by name (GET /api/v1/support/agents), against a real hub node and
// the Chatwoot contract double: agents get Chatwoot's agents with their names, by name, and no
// email; a member gets 403 `forbidden`; with Chatwoot down it is 503 `not_ready`.
import { describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { useSupportStack } from '../support/support-inbox.js';

describe('the support agents by name', () => {
  // The hub's routes alone: no worker consumes the inbox's queues.
  const stack = useSupportStack({
    name: 'sagt',
    worker: false,
    agents: [
      { id: 2, name: 'Grace Hopper', email: 'grace@example.test' },
      { id: 1, name: 'Ada Lovelace' },
    ],
    inbox: { routing: 'none', agentCapacity: 10 },
  });

  it('lists the agents by name for agents, and refuses members', async () => {
    const agent = await apiAs(stack.hub.url, 'ada', { roles: ['agent'], name: 'Ada Lovelace' });
    const listed = await agent('GET', '/api/v1/support/agents');
    expect(listed.status).toBe(200);
    expect(listed.body['items']).toEqual([
      { id: 1, name: 'Ada Lovelace', availability: 'online' },
      { id: 2, name: 'Grace Hopper', availability: 'online' },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('@example.test');

    const member = await apiAs(stack.hub.url, 'mia', { name: 'Mia Member' });
    const refused = await member('GET', '/api/v1/support/agents');
    expect(refused.status).toBe(403);
    expect((refused.body['error'] as { code: string }).code).toBe('forbidden');
  });

  it('says not_ready while Chatwoot does not answer', async () => {
    const agent = await apiAs(stack.hub.url, 'ada', { roles: ['agent'], name: 'Ada Lovelace' });
    stack.double.setOutage('error');
    try {
      const res = await agent('GET', '/api/v1/support/agents');
      expect(res.status).toBe(503);
      expect((res.body['error'] as { code: string }).code).toBe('not_ready');
    } finally {
      stack.double.setOutage('none');
    }
  });
});
