// Exactly once through Chatwoot's paging: a message create whose answer was lost is not sent
// again, even when by the retry the message sits pages back in Chatwoot's list of the
// conversation (which Chatwoot pages 20 at a time, newest first; the double pages the same way).
// A hub node and a worker against real Redis and FerretDB, and the Chatwoot contract double.
import { describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { eventually } from '../support/wait.js';

const stack = useSupportStack({ name: 'opg' });

describe('outbound sync through paged message lists', { timeout: 120_000 }, () => {
  it('does not resend a message whose create answer was lost, however far back it is', async () => {
    const member = await apiAs(stack.hub.url, 'opg-m1');
    const res = await member('POST', '/api/v1/support/conversations', {
      subject: 'Paging',
      message: 'first',
    });
    const id = (res.body['conversation'] as { id: string }).id;
    const cw = await eventually(() => {
      const c = stack.chatwootConversation(id);
      return c && stack.double.messages.some((m) => m.conversationId === c.id) ? c : undefined;
    }, WAIT);
    await stack.double.flushWebhooks();
    // Its webhooks do not reach the hub meanwhile (the echo would tell the hub the message landed).
    stack.double.setWebhookUrl('http://127.0.0.1:9/unreachable');
    stack.double.loseNextAnswer('create-a-new-message-in-a-conversation');
    const path = `/api/v1/support/conversations/${id}/messages`;
    expect((await member('POST', path, { content: 'answer lost' })).status).toBe(201);
    // It landed, its answer did not: before the retry, agents write more than a page.
    await eventually(() => stack.double.messages.some((m) => m.content === 'answer lost'), WAIT);
    for (let i = 0; i < 25; i++) stack.double.agentReply(cw.id, `reply ${i}`, 1);
    expect((await member('POST', path, { content: 'after the replies' })).status).toBe(201);
    const sent = (content: string) =>
      stack.double.messages.filter((m) => m.conversationId === cw.id && m.content === content);
    try {
      await eventually(() => sent('after the replies').length === 1, WAIT);
    } finally {
      await stack.double.flushWebhooks();
      stack.double.setWebhookUrl(`${stack.hub.url}/webhooks/chatwoot`);
    }
    expect(sent('answer lost')).toHaveLength(1);
  });
});
