// The per-user connection limit of a node: past it, the newest connection is closed with 3504
// (stop) right after its connect; other users are unaffected, and a closed one frees its place.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../protocol/index.js';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { eventually } from '../support/wait.js';

describe('connections per user', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    hub = await startTestHub(
      { redis: { keyPrefix: `cl${randomUUID().slice(0, 6)}` }, gateway: { maxConnectionsPerUser: 2 } },
      { authorizer: openChannels },
    );
  });
  afterAll(() => hub.shutdown());

  it('closes the connection past the limit with 3504, and admits one again once a place is free', async () => {
    const token = await tokenFor('busy');
    const [first, second] = [
      await TestClient.connect(hub.wsUrl, token),
      await TestClient.connect(hub.wsUrl, token),
    ];
    const third = await TestClient.open(hub.wsUrl);
    third.sendRaw(JSON.stringify({ type: 'connect', id: 1, token }));
    expect(await third.waitClosed()).toEqual({
      code: CloseCodes.CONNECTION_LIMIT.code,
      reason: CloseCodes.CONNECTION_LIMIT.reason,
    });
    expect(third.frames.filter((f) => f.type === 'reply')).toEqual([]);

    const other = await TestClient.connect(hub.wsUrl, await tokenFor('calm'));
    expect(await other.ok({ type: 'ping' })).toEqual({});
    expect(await first.ok({ type: 'ping' })).toEqual({});

    second.close();
    await eventually(() => expect(hub.gateway.connectionCount).toBe(2));
    const again = await TestClient.connect(hub.wsUrl, token);
    expect(await again.ok({ type: 'ping' })).toEqual({});
    [first, other, again].forEach((c) => c.close());
  });
});
