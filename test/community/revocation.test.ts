// Access taken away through one node ends the live subscriptions it covered on every node, with
// the documented unsub frame, and nothing more is delivered to them; other subscriptions stay.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../../community/permissions/permissions.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('revoked access across nodes', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let a: Awaited<ReturnType<typeof startTestHub>>;
  let b: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;
  let admin: ApiCall;

  beforeAll(async () => {
    db = await testDatabase();
    const overrides = { mongodb: { url: db.url }, redis: { keyPrefix: `rev${randomUUID().slice(0, 6)}` } };
    [a, b] = await Promise.all([startTestHub(overrides), startTestHub(overrides)]);
    c = await createTestCommunity(a.url);
    admin = await apiAs(a.url, 'boss', { roles: ['member', 'admin'] });
    await admin('POST', `/api/v1/communities/${c.id}/join`);
  });
  afterAll(async () => {
    await Promise.all([a.shutdown(), b.shutdown()]);
    await db.drop();
  });

  /** A client on node B subscribed to the topics; each must succeed. */
  const subscribedOnB = async (userId: string, topics: string[]) => {
    const client = await TestClient.connect(b.wsUrl, await tokenFor(userId));
    for (const channel of topics) await client.ok({ type: 'subscribe', channel });
    return client;
  };

  /** The unsub arrives, a later message of that channel does not, the other topic still flows. */
  const expectCutOff = async (client: TestClient, lost: string, kept: string) => {
    expect(await client.next((f) => f.type === 'unsub')).toEqual({
      type: 'unsub',
      channel: lost,
      code: 'forbidden',
    });
    const writer = await TestClient.connect(a.wsUrl, await tokenFor('boss', { roles: ['member', 'admin'] }));
    if (lost.startsWith('chan:'))
      await writer.ok({ type: 'publish', channel: lost, data: { body: 'after' }, nonce: randomUUID() });
    await writer.ok({ type: 'publish', channel: kept, data: { body: 'still here' }, nonce: randomUUID() });
    await client.next((f) => f.type === 'pub' && f['channel'] === kept);
    expect(client.pubs(lost)).toEqual([]);
    expect(client.frames.filter((f) => f.type === 'unsub')).toEqual([]);
    writer.close();
    client.close();
  };

  it('ends a channel subscription when the member loses the role that let them see it', async () => {
    const role = await admin('POST', `/api/v1/communities/${c.id}/roles`, {
      name: 'Club',
      permissions: [],
      position: 2,
    });
    const roleId = role.body['id'] as string;
    const created = await admin('POST', `/api/v1/communities/${c.id}/channels`, {
      kind: 'text',
      name: 'club',
      overwrites: [
        { targetType: 'role', targetId: c.roleIds['everyone'], allow: 0, deny: Permission.VIEW_CHANNEL },
        { targetType: 'role', targetId: roleId, allow: Permission.VIEW_CHANNEL, deny: 0 },
      ],
    });
    const club = created.body['topic'] as string;
    await admin('PUT', `/api/v1/communities/${c.id}/members/ann/roles/${roleId}`);
    const ann = await subscribedOnB('ann', [club, c.topic('general')]);
    expect((await admin('DELETE', `/api/v1/communities/${c.id}/members/ann/roles/${roleId}`)).status).toBe(
      200,
    );
    await expectCutOff(ann, club, c.topic('general'));
  });

  it('ends a channel subscription when an overwrite stops granting VIEW_CHANNEL', async () => {
    const insider = await subscribedOnB('insider', [c.topic('secret'), c.topic('general')]);
    const patched = await admin('PATCH', `/api/v1/channels/${c.channels.secret}`, {
      private: true,
      overwrites: [
        { targetType: 'role', targetId: c.roleIds['everyone'], allow: 0, deny: Permission.VIEW_CHANNEL },
      ],
    });
    expect(patched.status).toBe(200);
    await expectCutOff(insider, c.topic('secret'), c.topic('general'));
  });

  it('ends a channel subscription when a public channel is made private', async () => {
    const created = await admin('POST', `/api/v1/communities/${c.id}/channels`, {
      kind: 'text',
      name: 'lobby',
    });
    const lobby = created.body['topic'] as string;
    const bob = await subscribedOnB('bob', [lobby, c.topic('general')]);
    await admin('PATCH', `/api/v1/channels/${lobby.split(':')[2]}`, {
      private: true,
      overwrites: [
        { targetType: 'role', targetId: c.roleIds['member'], allow: 0, deny: Permission.VIEW_CHANNEL },
      ],
    });
    await expectCutOff(bob, lobby, c.topic('general'));
  });

  it('ends the moderators’ topic when a role edit takes the moderation permissions away', async () => {
    const mod = await subscribedOnB('mod', [`mods:${c.id}`, c.topic('general')]);
    const edited = await admin(
      'PUT',
      `/api/v1/communities/${c.id}/roles/${c.roleIds['moderator']}/permissions`,
      {
        permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES'],
      },
    );
    expect(edited.status).toBe(200);
    await expectCutOff(mod, `mods:${c.id}`, c.topic('general'));
  });
});
