// The queue keeps each community's cases to its own moderators, hides messages of channels a
// moderator may not view, and leaves a verifiable audit trail of every step.
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagMessage } from '../../storage/repositories/cases.js';
import { insertMessage } from '../../storage/repositories/messages.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import {
  addModerator,
  caseOf,
  hubOverrides,
  post,
  report,
  type CaseJson,
  type Hub,
} from './review-support.js';

describe('cases across communities, and the audit log', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Hub;
  let c: TestCommunity;
  let other: TestCommunity;
  let mod: ApiCall;
  let outsider: ApiCall;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub(hubOverrides(db.url, 'iso'));
    c = await createTestCommunity(hub.url);
    other = await createTestCommunity(hub.url);
    await addModerator(hub.url, other, 'othermod');
    mod = await apiAs(hub.url, 'mod');
    outsider = await apiAs(hub.url, 'othermod');
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  it('answers another community’s moderator exactly as for a missing case', async () => {
    const id = await post(hub, c, 'ann', 'report me');
    await report(await apiAs(hub.url, 'bob'), c, id, 'spam');
    const { id: caseId } = await caseOf(mod, c, id);
    const missing = new Types.ObjectId().toHexString();

    const theirs = await outsider('GET', `/api/v1/cases/${caseId}`);
    const none = await outsider('GET', `/api/v1/cases/${missing}`);
    expect(theirs.status).toBe(404);
    expect({ ...(theirs.body['error'] as object), requestId: null }).toEqual({
      ...(none.body['error'] as object),
      requestId: null,
    });
    for (const [method, path, body] of [
      ['POST', `/api/v1/cases/${caseId}/claim`, undefined],
      ['POST', `/api/v1/cases/${caseId}/unclaim`, undefined],
      ['POST', `/api/v1/cases/${caseId}/decision`, { action: 'approve', reason: 'x' }],
      ['POST', `/api/v1/cases/${caseId}/appeal/decision`, { upheld: true, reason: 'x' }],
      ['POST', `/api/v1/cases/${caseId}/appeal`, { reason: 'x' }],
      ['GET', `/api/v1/communities/${c.id}/cases`, undefined],
      [
        'POST',
        `/api/v1/communities/${c.id}/cases/decisions`,
        { caseIds: [caseId], action: 'approve', reason: 'x' },
      ],
      ['GET', `/api/v1/communities/${c.id}/audit`, undefined],
      ['GET', `/api/v1/communities/${c.id}/audit/verify`, undefined],
    ] as const) {
      expect((await outsider(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    // Their own community's list does not hold it, and a bulk decision there does not reach it.
    const own = await outsider('GET', `/api/v1/communities/${other.id}/cases`);
    expect(own.status).toBe(200);
    expect((own.body['items'] as CaseJson[]).map((x) => x.id)).not.toContain(caseId);
    const bulk = await outsider('POST', `/api/v1/communities/${other.id}/cases/decisions`, {
      caseIds: [caseId],
      action: 'approve',
      reason: 'x',
    });
    expect(bulk.body['results']).toEqual([
      { caseId, ok: false, case: null, error: { code: 'not_found', message: 'no such case' } },
    ]);
    // Nor may they listen to its moderators' topic.
    const socket = await TestClient.connect(hub.wsUrl, await tokenFor('othermod'));
    expect((await socket.request({ type: 'subscribe', channel: `mods:${c.id}` })).error?.code).toBe(
      'forbidden',
    );
    socket.close();
    expect((await caseOf(mod, c, id)).status).toBe('open');
  });

  it('shows a moderator a case from a channel they may not view without its messages', async () => {
    const { message } = await insertMessage(db.connection, {
      channelId: c.channels.secret,
      communityId: c.id,
      offset: 1,
      authorId: 'insider',
      authorName: 'Name insider',
      body: 'between us',
    });
    const flagged = await flagMessage(db.connection, {
      communityId: c.id,
      channelId: c.channels.secret,
      messageId: message._id,
      authorId: 'insider',
      source: 'automod',
      by: 'automod',
      reason: 'blocked word',
      scores: { words: 1 },
    });
    const shown = await mod('GET', `/api/v1/cases/${flagged.case._id.toHexString()}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      case: { source: 'automod', scores: { words: 1 }, flags: [{ by: 'automod', reason: 'blocked word' }] },
      message: null,
      context: null,
    });
    const sources = await mod('GET', `/api/v1/communities/${c.id}/cases?source=automod`);
    expect((sources.body['items'] as CaseJson[]).map((x) => x.id)).toEqual([flagged.case._id.toHexString()]);
  });

  it('appends every step to the audit log, which verifies, and detects an edited entry', async () => {
    const id = await post(hub, c, 'bob', 'another one');
    await report(await apiAs(hub.url, 'ann'), c, id, 'spam');
    const { id: caseId } = await caseOf(mod, c, id);
    await mod('POST', `/api/v1/cases/${caseId}/claim`);
    await mod('POST', `/api/v1/cases/${caseId}/unclaim`);
    await mod('POST', `/api/v1/cases/${caseId}/claim`);
    await mod('POST', `/api/v1/cases/${caseId}/decision`, { action: 'remove', reason: 'spam' });
    await (
      await apiAs(hub.url, 'bob')
    )('POST', `/api/v1/cases/${caseId}/appeal`, { reason: 'no' });

    const log = await mod('GET', `/api/v1/communities/${c.id}/audit?limit=3`);
    expect(log.status).toBe(200);
    type Entry = {
      seq: number;
      actorId: string;
      action: string;
      target: object;
      details: Record<string, unknown>;
    };
    const entries = log.body['items'] as Entry[];
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ['case.appeal', 'bob'],
      ['case.decide', 'mod'],
      ['case.claim', 'mod'],
    ]);
    expect(entries[1]).toMatchObject({ target: { type: 'case', id: caseId } });
    // The append-only log names the case and the message, never the author.
    expect(entries[1]?.details).toEqual({ action: 'remove', reason: 'spam', messageId: id, durationS: null });
    const next = log.body['nextBefore'] as number;
    expect(next).toBe(entries[2]?.seq);
    const older = await mod('GET', `/api/v1/communities/${c.id}/audit?limit=3&before=${next}`);
    expect((older.body['items'] as Entry[]).map((e) => e.action)).toEqual(['case.unclaim', 'case.claim']);
    expect(older.body['nextBefore']).toBeNull();

    expect(
      (await (await apiAs(hub.url, 'ann'))('GET', `/api/v1/communities/${c.id}/audit/verify`)).status,
    ).toBe(403);
    expect((await mod('GET', `/api/v1/communities/${c.id}/audit/verify`)).body).toEqual({
      ok: true,
      brokenAt: null,
    });

    // Someone with database access rewrites what a moderator did.
    const decide = entries[1] as Entry;
    const edited = await db.connection
      .collection('audit_entries')
      .updateOne(
        { communityId: new Types.ObjectId(c.id), seq: decide.seq },
        { $set: { action: 'case.approve' } },
      );
    expect(edited.modifiedCount).toBe(1);
    expect((await mod('GET', `/api/v1/communities/${c.id}/audit/verify`)).body).toEqual({
      ok: false,
      brokenAt: decide.seq,
    });
    // Other communities' logs are not affected.
    expect((await outsider('GET', `/api/v1/communities/${other.id}/audit/verify`)).body).toEqual({
      ok: true,
      brokenAt: null,
    });
  });
});
