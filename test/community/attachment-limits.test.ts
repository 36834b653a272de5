// A community's own attachment limits, set through the service API: they lower the deployment's
// (never raise them: refused), the upload route refuses a larger file with nothing stored, a
// message may carry no more files than the community allows, and null gives the deployment's back.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  const upload = async (bytes: number) => {
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(bytes)], { type: 'text/plain' }), 'notes.txt');
    const res = await fetch(`${hub.url}/api/v1/channels/${c.channels.general}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor('ann')}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = async () => (await db.connection.db?.collection('attachments').countDocuments()) ?? 0;
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

  it("refuses limits above the deployment's, and keeps the community's as they were", async () => {
    const before = (await service('GET', `/api/v1/communities/${c.id}`)).body['settings'];
    const bytes = await settings({ attachmentMaxBytes: DEPLOYMENT_MAX_BYTES + 1 });
    expect(bytes.status).toBe(400);
    expect(bytes.body['error']).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(bytes.body['error'])).toContain(`at most ${DEPLOYMENT_MAX_BYTES}`);
    const files = await settings({ attachmentMaxPerMessage: 4 });
    expect(files.status).toBe(400);
    const read = await service('GET', `/api/v1/communities/${c.id}`);
    expect(read.body['settings']).toEqual(before);
  });
});
