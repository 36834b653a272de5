// Appeals against a real hub: the author appeals once; another moderator than the one who
// decided rules on it; overturning lifts a timeout (the author may speak again at once) or a
// ban, and records that a removed message stays removed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import type { TestClient } from '../support/ws-client.js';
import {
  addModerator,
  caseOf,
  dataOf,
  event,
  hubOverrides,
  post,
  report,
  socketOf,
  type CaseJson,
  type Hub,
} from './review-support.js';

describe('appeals', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Hub;
  let c: TestCommunity;
  let mod: ApiCall;
  let mod2: ApiCall;
  let ann: ApiCall;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub(hubOverrides(db.url, 'app'));
    c = await createTestCommunity(hub.url);
    await addModerator(hub.url, c, 'mod2');
    mod = await apiAs(hub.url, 'mod');
    mod2 = await apiAs(hub.url, 'mod2');
    ann = await apiAs(hub.url, 'ann');
  });
  afterAll(async () => {
    clients.forEach((x) => x.close());
    await hub.shutdown();
    await db.drop();
  });

  /** A case about a new message of ann's, decided by `mod`. */
  async function decided(decision: Record<string, unknown>): Promise<CaseJson> {
    const id = await post(hub, c, 'ann', `message ${randomUUID()}`);
    await report(await apiAs(hub.url, 'bob'), c, id, 'bad');
    const { id: caseId } = await caseOf(mod, c, id);
    const res = await mod('POST', `/api/v1/cases/${caseId}/decision`, decision);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body['case'] as CaseJson;
  }

  it('takes one appeal from the author, decided by another moderator; overturning lifts the timeout', async () => {
    const moderators = await socketOf(hub, 'mod2', [`mods:${c.id}`]);
    clients.push(moderators);
    const author = await socketOf(hub, 'ann');
    clients.push(author);
    const send = () =>
      author.request({
        type: 'publish',
        channel: c.topic('general'),
        data: { body: 'hi' },
        nonce: randomUUID(),
      });
    const timedOut = await decided({ action: 'timeout', reason: 'flood', durationS: 3600 });
    expect((await send()).error?.code).toBe('timed_out');
    const path = `/api/v1/cases/${timedOut.id}/appeal`;

    // Only the author: others are told the case does not exist, moderators that they may not.
    expect((await (await apiAs(hub.url, 'bob'))('POST', path, { reason: 'for ann' })).status).toBe(404);
    expect((await mod2('POST', path, { reason: 'for ann' })).status).toBe(403);
    expect((await ann('POST', path, { reason: '' })).status).toBe(400);

    const appealed = await ann('POST', path, { reason: 'I was pasting a log, sorry' });
    expect(appealed.status).toBe(200);
    // The author sees the decision and their appeal, not who reported them nor who decided.
    expect(appealed.body['case']).toEqual({
      id: timedOut.id,
      communityId: c.id,
      messageId: timedOut.messageId,
      decision: { action: 'timeout', reason: 'flood', at: expect.any(Number), durationS: 3600 },
      appeal: {
        reason: 'I was pasting a log, sorry',
        at: expect.any(Number),
        status: 'open',
        decidedAt: null,
        decisionReason: '',
        effect: 'none',
      },
    });
    // The moderators saw the case opened, decided, then appealed.
    const seen = [
      await event(moderators, 'case.opened'),
      await event(moderators, 'case.updated'),
      await event(moderators, 'case.updated'),
    ].map((f) => dataOf<{ case: CaseJson }>(f).case);
    expect(seen.map((x) => [x.id, x.status, x.appeal?.status ?? null])).toEqual([
      [timedOut.id, 'open', null],
      [timedOut.id, 'resolved', null],
      [timedOut.id, 'resolved', 'open'],
    ]);
    expect((await ann('POST', path, { reason: 'again' })).status).toBe(409);

    const ruling = { upheld: false, reason: 'fair enough' };
    const same = await mod('POST', `${path}/decision`, ruling);
    expect(same.status).toBe(403);
    expect((await ann('POST', `${path}/decision`, ruling)).status).toBe(404);
    expect((await send()).error?.code).toBe('timed_out');

    const overturned = await mod2('POST', `${path}/decision`, ruling);
    expect(overturned.status).toBe(200);
    expect(overturned.body['case']).toMatchObject({
      decision: { action: 'timeout', by: 'mod' },
      appeal: {
        status: 'overturned',
        decidedBy: 'mod2',
        decisionReason: 'fair enough',
        effect: 'timeout_lifted',
      },
    });
    expect((await send()).result).toBeDefined();
    expect((await mod2('POST', `${path}/decision`, { upheld: true, reason: 'changed my mind' })).status).toBe(
      409,
    );
  });

  it('records that an overturned removal restores nothing, and keeps an upheld decision', async () => {
    const removed = await decided({ action: 'remove', reason: 'spam' });
    await ann('POST', `/api/v1/cases/${removed.id}/appeal`, { reason: 'not spam' });
    const overturned = await mod2('POST', `/api/v1/cases/${removed.id}/appeal/decision`, {
      upheld: false,
      reason: 'not spam indeed',
    });
    expect(overturned.body['case']).toMatchObject({
      appeal: { status: 'overturned', effect: 'not_restored' },
    });
    const page = await ann('GET', `/api/v1/channels/${c.channels.general}/messages`);
    expect(
      (page.body['items'] as { id: string; deleted: boolean }[]).find((m) => m.id === removed.messageId),
    ).toMatchObject({ deleted: true });

    const kept = await decided({ action: 'remove', reason: 'spam' });
    await ann('POST', `/api/v1/cases/${kept.id}/appeal`, { reason: 'not spam' });
    const upheld = await mod2('POST', `/api/v1/cases/${kept.id}/appeal/decision`, {
      upheld: true,
      reason: 'spam',
    });
    expect(upheld.body['case']).toMatchObject({
      appeal: { status: 'upheld', decidedBy: 'mod2', effect: 'none' },
    });
  });

  it('refuses appeals of warnings and approvals', async () => {
    for (const decision of [
      { action: 'warn', reason: 'careful' },
      { action: 'approve', reason: 'fine' },
    ]) {
      const warned = await decided(decision);
      expect((await ann('POST', `/api/v1/cases/${warned.id}/appeal`, { reason: 'why' })).status).toBe(409);
    }
  });

  it('lets a banned author appeal, and lifts the ban when overturned', async () => {
    const banned = await decided({ action: 'ban', reason: 'raiding' });
    expect((await ann('POST', `/api/v1/communities/${c.id}/join`)).status).toBe(403);
    expect((await ann('POST', `/api/v1/cases/${banned.id}/appeal`, { reason: 'wrong person' })).status).toBe(
      200,
    );
    const overturned = await mod2('POST', `/api/v1/cases/${banned.id}/appeal/decision`, {
      upheld: false,
      reason: 'indeed',
    });
    expect(overturned.body['case']).toMatchObject({ appeal: { status: 'overturned', effect: 'ban_lifted' } });
    expect((await ann('POST', `/api/v1/communities/${c.id}/join`)).status).toBe(200);
  });
});
