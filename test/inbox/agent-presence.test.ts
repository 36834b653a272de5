// Routing reads support agents' availability from the hub's presence, with a real hub node, a
// real inbox worker and real agent sockets: a conversation goes to the agent who is connected
// (though Chatwoot calls both available), and when that agent's last connection closes, the
// periodic availability check moves the conversation to the agent who is now connected.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { inboxProcessors } from '../../inbox/processors.js';
import type { InboxOverrides } from '../../inbox/runtime.js';
import { supportConversations } from '../../inbox/store/models.js';
import { apiAs } from '../support/api.js';
import { ChatwootDouble } from '../support/chatwoot-double.js';
import { testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

const WAIT = 20_000;
const TOKEN = 'chatwoot-agent-token';
const SECRET = 'chatwoot-webhook-secret-for-presence';
const overrides: InboxOverrides = { retry: { retries: 1, baseDelayMs: 20, maxDelayMs: 200 } };
const agentToken = (id: string, name: string) => tokenFor(id, { roles: ['agent'], name });

describe('agent availability from the hub presence', () => {
  let double: ChatwootDouble;
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let worker: WorkerProcess;

  beforeAll(async () => {
    double = await ChatwootDouble.start({
      apiAccessToken: TOKEN,
      accountId: 3,
      inboxId: 5,
      webhookSecret: SECRET,
      agents: [
        // Ada is agent 2, so round robin's first pick (agent 1) would be Grace without presence.
        { id: 1, name: 'Grace' },
        { id: 2, name: 'Ada' },
      ],
    });
    db = await testDatabase();
    hub = await startTestHub(
      {
        mongodb: { url: db.url },
        redis: { keyPrefix: `apr${randomUUID().slice(0, 6)}` },
        chatwoot: {
          baseUrl: double.url,
          apiAccessToken: TOKEN,
          accountId: 3,
          inboxId: 5,
          webhookSecret: SECRET,
          reconcileEveryMs: 3_600_000,
        },
        inbox: {
          routing: 'round_robin',
          agentCapacity: 10,
          agentUsers: '1=grace,2=ada',
          presenceCheckMs: 250,
          offlineGraceMs: 500,
        },
      },
      { inbox: overrides },
    );
    double.setWebhookUrl(`${hub.url}/webhooks/chatwoot`);
    worker = await startWorker(hub.config, (resources) => inboxProcessors(hub.config, resources, overrides));
  }, 60_000);

  afterAll(async () => {
    await worker?.shutdown();
    await hub?.shutdown();
    await double?.close();
    await db?.drop();
  }, 30_000);

  afterEach(() => {
    expect(double.violations()).toEqual([]);
  });

  it('assigns to the connected agent, and reassigns when their last connection closes', async () => {
    // Chatwoot reports both agents online; only Ada is connected to the hub (on two sockets).
    const ada = [
      await TestClient.connect(hub.wsUrl, await agentToken('ada', 'Ada')),
      await TestClient.connect(hub.wsUrl, await agentToken('ada', 'Ada')),
    ];
    const member = await apiAs(hub.url, 'mia', { name: 'Mia' });
    const started = await member('POST', '/api/v1/support/conversations', {
      subject: 'Where is my refund?',
      message: 'Order 77 was refunded a week ago.',
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;
    const cw = await eventually(
      () =>
        double.conversations.find(
          (c) => c.custom_attributes['hubbub_conversation_id'] === id && c.assigneeId !== null,
        ),
      WAIT,
    );
    expect(cw.assigneeId).toBe(2);

    // Grace connects; Ada closes one socket (still online on the other): nothing moves.
    const grace = await TestClient.connect(hub.wsUrl, await agentToken('grace', 'Grace'));
    ada[0]?.close();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(cw.assigneeId).toBe(2);

    // Ada's last connection closes: after the grace period the conversation goes to Grace,
    // in Chatwoot and in the hub's record.
    ada[1]?.close();
    await eventually(() => (cw.assigneeId === 1 ? cw : undefined), WAIT);
    await eventually(async () => {
      const c = await supportConversations(db.connection).findById(id).lean();
      return c?.assigneeId === 1 ? c : undefined;
    }, WAIT);
    grace.close();
  }, 60_000);
});
