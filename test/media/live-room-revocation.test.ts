// A seat in a live session's Colyseus room lasts only while its holder may stay, on every node:
// a member a host removes from the session, one a moderator kicks from the community, and one
// whose token expires are closed out of the room (3502 forbidden, 3004 token expired), whichever
// hub process holds their seat and whichever took the request; the others stay seated.
import { randomUUID } from 'node:crypto';
import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../protocol/close-codes.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { spawnHub, type HubProcess } from '../support/hub-processes.js';
import { eventually } from '../support/wait.js';

describe('live session room: seats end with access', { timeout: 240_000 }, () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let nodes: [HubProcess, HubProcess];
  let sessionId = '';
  const path = (rest = '') => `/api/v1/live-sessions/${sessionId}${rest}`;
  const on = (node: 0 | 1, user: string, expiresInS?: number): Promise<ApiCall> =>
    apiAs(nodes[node].url, user, expiresInS === undefined ? {} : { expiresInS });

  /** A seat reserved on `node` with `user`'s token, and the close code it ends with. */
  async function seat(node: 0 | 1, api: ApiCall) {
    const res = await api('POST', path('/room'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const room: Room = await new Client(nodes[node].url).consumeSeatReservation(
      res.body['reservation'] as never,
    );
    const closed = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    return { room, closed };
  }

  beforeAll(async () => {
    db = await testDatabase();
    const env = { HUB_MONGODB_URL: db.url, HUB_REDIS_KEY_PREFIX: `revk${randomUUID().slice(0, 6)}` };
    nodes = [await spawnHub(env), await spawnHub(env)];
    c = await createTestCommunity(nodes[0].url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Host' }],
    });
    const host = await on(0, 'host');
    const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
      title: 'Office hours',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      durationMin: 30,
      capacity: 20,
    });
    sessionId = created.body['id'] as string;
    expect((await host('POST', path('/start'))).status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    await db.drop();
  });

  it('closes the seat of a member a host removes, on the other node', async () => {
    const watcher = await seat(0, await on(0, 'host'));
    const ann = await seat(1, await on(1, 'ann'));
    await eventually(
      () => (watcher.room.state as { participants: Map<string, unknown> }).participants.size === 2,
    );
    expect((await (await on(0, 'host'))('POST', path('/participants/ann/remove'))).status).toBe(200);
    expect(await ann.closed).toBe(CloseCodes.FORBIDDEN.code);
    // A new seat is refused too; the host stays.
    expect((await (await on(1, 'ann'))('POST', path('/room'))).status).toBe(403);
    await eventually(
      () => (watcher.room.state as { participants: Map<string, unknown> }).participants.size === 1,
    );
    expect(watcher.room.connection.isOpen).toBe(true);
    watcher.room.leave().catch(() => undefined);
  });

  it('closes the seat of a member kicked from the community, on the other node', async () => {
    const bob = await seat(0, await on(0, 'bob'));
    const insider = await seat(0, await on(0, 'insider'));
    const kicked = await (
      await on(1, 'mod')
    )('POST', `/api/v1/communities/${c.id}/members/bob/kick`, { reason: 'spam' });
    expect(kicked.status, JSON.stringify(kicked.body)).toBeLessThan(300);
    expect(await bob.closed).toBe(CloseCodes.FORBIDDEN.code);
    // The re-check concerned bob alone: insider still may stay, and stays.
    const stillThere = await (await on(1, 'insider'))('GET', path());
    expect(stillThere.status).toBe(200);
    expect(insider.room.connection.isOpen).toBe(true);
    insider.room.leave().catch(() => undefined);
  });

  it('closes a seat when the token it was reserved with expires', async () => {
    const shortLived = await seat(1, await on(1, 'mod', 8));
    expect(await shortLived.closed).toBe(CloseCodes.TOKEN_EXPIRED.code);
  });
});
