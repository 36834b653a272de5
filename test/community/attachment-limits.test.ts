// A community's own attachment limits, set through the service API: they lower the deployment's
// (never raise them: refused), the upload route refuses a larger file with nothing stored, a
// message may carry no more files than the community allows, a member may have no more uploads
// pending than it allows (parallel uploads included), and null gives the deployment's back.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRIDFS_BUCKET } from '../../storage/objects/object-store.gridfs.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

const DEPLOYMENT_MAX_BYTES = 300_000;

describe("a community's attachment limits", () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;
  let service: ApiCall;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `attlim${randomUUID().slice(0, 6)}` },
      attachments: { maxBytes: DEPLOYMENT_MAX_BYTES, maxPerMessage: 3 },
    });
    c = await createTestCommunity(hub.url);
    service = await apiAs(hub.url, 'marketplace-core', { roles: [], scope: 'hub.admin' });
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  const upload = async (bytes: number, user = 'ann') => {
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(bytes)], { type: 'text/plain' }), 'notes.txt');
    const res = await fetch(`${hub.url}/api/v1/channels/${c.channels.general}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(user)}` },
      body: form,
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Record<string, unknown>,
    };
  };
  const stored = async () => (await db.connection.db?.collection('attachments').countDocuments()) ?? 0;
  /** Objects in the store (GridFS here): a refused upload leaves none. */
  const objects = async () =>
    (await db.connection.db?.collection(`${GRIDFS_BUCKET}.files`).countDocuments()) ?? 0;
  const settings = (patch: Record<string, unknown>) =>
    service('PATCH', `/api/v1/communities/${c.id}`, { settings: patch });

  it('lowers the largest upload and the files per message, and gives them back with null', async () => {
    const set = await settings({ attachmentMaxBytes: 1_000, attachmentMaxPerMessage: 1 });
    expect(set.status).toBe(200);
    expect(set.body['settings']).toMatchObject({ attachmentMaxBytes: 1_000, attachmentMaxPerMessage: 1 });

    const before = await stored();
    const tooLarge = await upload(2_000);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body['error']).toMatchObject({ code: 'payload_too_large' });
    expect(JSON.stringify(tooLarge.body['error'])).toContain('at most 1000 bytes');
    expect(await stored()).toBe(before);

    const first = await upload(500);
    const second = await upload(500);
    expect([first.status, second.status]).toEqual([201, 201]);
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const both = await ann.request({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'two files', attachments: [first.body['id'], second.body['id']] },
      nonce: randomUUID(),
    });
    expect(both.error?.code).toBe('validation_failed');
    expect(both.error?.message).toContain('at most 1 files');
    const one = await ann.request({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'one file', attachments: [first.body['id']] },
      nonce: randomUUID(),
    });
    expect(one.error).toBeUndefined();

    const reset = await settings({ attachmentMaxBytes: null, attachmentMaxPerMessage: null });
    expect(reset.body['settings']).toMatchObject({ attachmentMaxBytes: null, attachmentMaxPerMessage: null });
    expect((await upload(2_000)).status).toBe(201);
    const third = await upload(10);
    const two = await ann.request({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'two files again', attachments: [second.body['id'], third.body['id']] },
      nonce: randomUUID(),
    });
    expect(two.error).toBeUndefined();
    ann.close();
  });

  it('lets 50 parallel uploads past a pending cap of 10 only 10 times, stores nothing of the others, and a sent message frees its places', async () => {
    const set = await settings({ attachmentMaxPending: 10 });
    expect(set.body['settings']).toMatchObject({ attachmentMaxPending: 10 });
    const [rowsBefore, objectsBefore] = [await stored(), await objects()];

    const results = await Promise.all(Array.from({ length: 50 }, () => upload(100, 'bob')));
    const accepted = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.body['error']).toMatchObject({ code: 'pending_upload_limit' });
      // When the oldest pending upload expires (the test hub's pending lifetime: a day).
      expect(Number(r.retryAfter)).toBeGreaterThan(3600);
    }
    expect(await stored()).toBe(rowsBefore + 10);
    expect(await objects()).toBe(objectsBefore + 10);

    // Sending two of them frees two places (and only two).
    const bob = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    const sent = await bob.request({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'two files', attachments: accepted.slice(0, 2).map((r) => r.body['id']) },
      nonce: randomUUID(),
    });
    expect(sent.error).toBeUndefined();
    bob.close();
    const again = await Promise.all([upload(100, 'bob'), upload(100, 'bob'), upload(100, 'bob')]);
    expect(again.map((r) => r.status).sort()).toEqual([201, 201, 429]);

    // Another member's uploads are their own count.
    expect((await upload(100, 'insider')).status).toBe(201);
    // Null gives the deployment's cap (50) back.
    await settings({ attachmentMaxPending: null });
    expect((await upload(100, 'bob')).status).toBe(201);
  });

  it("refuses limits above the deployment's, and keeps the community's as they were", async () => {
    const before = (await service('GET', `/api/v1/communities/${c.id}`)).body['settings'];
    const bytes = await settings({ attachmentMaxBytes: DEPLOYMENT_MAX_BYTES + 1 });
    expect(bytes.status).toBe(400);
    expect(bytes.body['error']).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(bytes.body['error'])).toContain(`at most ${DEPLOYMENT_MAX_BYTES}`);
    const files = await settings({ attachmentMaxPerMessage: 4 });
    expect(files.status).toBe(400);
    const pending = await settings({ attachmentMaxPending: 51 });
    expect(pending.status).toBe(400);
    expect(JSON.stringify(pending.body['error'])).toContain('settings.attachmentMaxPending: at most 50');
    const read = await service('GET', `/api/v1/communities/${c.id}`);
    expect(read.body['settings']).toEqual(before);
  });
});
