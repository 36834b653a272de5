// Routing reads support agents' availability from the hub's presence, with a real hub node, a
// real inbox worker and real agent sockets: a conversation goes to the agent who is connected
// (though Chatwoot calls both available), and when that agent's last connection closes, the
// periodic availability check moves the conversation to the agent who is now connected.
import { describe, expect, it } from 'vitest';
import { supportConversations } from '../../inbox/store/models.js';
import { apiAs } from '../support/api.js';
import { useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

const WAIT = 20_000;
const agentToken = (id: string, name: string) => tokenFor(id, { roles: ['agent'], name });

describe('agent availability from the hub presence', () => {
  const stack = useSupportStack({
    name: 'apr',
    agents: [
      // Ada is agent 2, so round robin's first pick (agent 1) would be Grace without presence.
      { id: 1, name: 'Grace' },
      { id: 2, name: 'Ada' },
    ],
    inbox: {
      routing: 'round_robin',
      agentCapacity: 10,
      agentUsers: '1=grace,2=ada',
      presenceCheckMs: 250,
      offlineGraceMs: 500,
    },
  });

  it('assigns to the connected agent, and reassigns when their last connection closes', async () => {
    // Chatwoot reports both agents online; only Ada is connected to the hub (on two sockets).
    const ada = [
      await TestClient.connect(stack.hub.wsUrl, await agentToken('ada', 'Ada')),
      await TestClient.connect(stack.hub.wsUrl, await agentToken('ada', 'Ada')),
    ];
    const member = await apiAs(stack.hub.url, 'mia', { name: 'Mia' });
    const started = await member('POST', '/api/v1/support/conversations', {
      subject: 'Where is my refund?',
      message: 'Order 77 was refunded a week ago.',
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;
    const cw = await eventually(
      () =>
        stack.double.conversations.find(
          (c) => c.custom_attributes['hubbub_conversation_id'] === id && c.assigneeId !== null,
        ),
      WAIT,
    );
    expect(cw.assigneeId).toBe(2);

    // Grace connects; Ada closes one socket (still online on the other): nothing moves.
    const grace = await TestClient.connect(stack.hub.wsUrl, await agentToken('grace', 'Grace'));
    ada[0]?.close();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(cw.assigneeId).toBe(2);

    // Ada's last connection closes: after the grace period the conversation goes to Grace,
    // in Chatwoot and in the hub's record.
    ada[1]?.close();
    await eventually(() => (cw.assigneeId === 1 ? cw : undefined), WAIT);
    await eventually(async () => {
      const c = await supportConversations(stack.db.connection).findById(id).lean();
      return c?.assigneeId === 1 ? c : undefined;
    }, WAIT);
    grace.close();
  }, 60_000);
});
