// Attachments end to end against a real hub, FerretDB and Redis: upload (streamed, sniffed,
// re-encoded), send with a message, signed downloads for another member, every refusal coded with
// nothing stored, deleting the message or erasing the uploader deleting the bytes, and the claim
// sweep keeping a sent message's files but deleting those claimed by a message never stored, and a
// refused publish giving its files back.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Attachments } from '../../community/attachments/attachments.js';
import { CLAIM_TO_PUBLISH_MS, sweepClaims } from '../../community/attachments/claim-sweep.js';
import { owedSince } from '../../realtime/publish/write-ahead.js';
import { GRIDFS_BUCKET, GridFsObjectStore } from '../../storage/objects/object-store.gridfs.js';
import { createRedis } from '../../storage/redis.js';
import { keySpace } from '../../storage/redis-keys.js';
import { apiAs } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

const MAX_BYTES = 300_000;

describe('attachments', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `att${randomUUID().slice(0, 6)}` },
      attachments: { maxBytes: MAX_BYTES, maxImagePixels: 4_000_000, maxPerMessage: 3 },
    });
    c = await createTestCommunity(hub.url);
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  const upload = async (
    user: string,
    channelId: string,
    name: string,
    bytes: Uint8Array,
    type = 'application/octet-stream',
  ) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${hub.url}/api/v1/channels/${channelId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(user)}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = async () => ({
    attachments: (await db.connection.db?.collection('attachments').countDocuments()) ?? 0,
    files: (await db.connection.db?.collection(`${GRIDFS_BUCKET}.files`).countDocuments()) ?? 0,
  });
  /** A JPEG taken "on its side" with a GPS position in its EXIF. */
  const photo = () =>
    sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();

  it('stores a photo without its EXIF, turned upright, with a thumbnail; another member downloads it', async () => {
    const original = await photo();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const up = await upload('ann', c.channels.general, 'leak.jpg', original, 'image/png');
    expect(up.status).toBe(201);
    // Rotation applied: 800×600 on its side is 600×800 upright. The client's type is ignored.
    expect(up.body).toMatchObject({
      name: 'leak.jpg',
      contentType: 'image/jpeg',
      width: 600,
      height: 800,
      thumbnail: true,
    });

    const bob = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    await bob.ok({ type: 'subscribe', channel: c.topic('general') });
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const sent = await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: '', attachments: [up.body['id']] },
      nonce: randomUUID(),
    });
    const publication = await bob.next((f) => f.type === 'pub');
    const data = publication['data'] as Record<string, unknown>;
    expect(data['attachments']).toEqual([
      {
        id: up.body['id'],
        name: 'leak.jpg',
        size: up.body['size'],
        contentType: 'image/jpeg',
        width: 600,
        height: 800,
        thumbnail: true,
      },
    ]);

    const bobApi = await apiAs(hub.url, 'bob');
    const history = await bobApi('GET', `/api/v1/channels/${c.channels.general}/messages`);
    const message = (history.body['items'] as Record<string, unknown>[]).find(
      (m) => m['id'] === sent['messageId'],
    );
    expect(message?.['attachments']).toEqual(data['attachments']);

    const links = await bobApi(
      'GET',
      `/api/v1/channels/${c.channels.general}/messages/${String(sent['messageId'])}/attachments`,
    );
    expect(links.status).toBe(200);
    const item = (links.body['items'] as Record<string, string>[])[0] as Record<string, string>;
    const file = await fetch(`${hub.url}${item['url']}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="leak.jpg"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await file.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([600, 800]);
    const thumb = await fetch(`${hub.url}${item['thumbnailUrl']}`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const thumbMeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([thumbMeta.format, thumbMeta.width, thumbMeta.height]).toEqual(['webp', 300, 400]);

    // The link is bob's: tampered or handed to someone else, it is refused.
    const forged = new URL(item['url'] as string, hub.url);
    forged.searchParams.set('u', 'ann');
    expect((await fetch(forged)).status).toBe(403);
    forged.searchParams.set('u', 'bob');
    forged.searchParams.set('exp', String(Math.floor(Date.now() / 1000) + 3600));
    expect((await fetch(forged)).status).toBe(403);
    ann.close();
    bob.close();
  });

  it('serves other files as downloads with a safe type', async () => {
    const up = await upload(
      'ann',
      c.channels.general,
      'notes.txt',
      new TextEncoder().encode('<script>alert(1)</script>'),
    );
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ contentType: 'text/plain', thumbnail: false, thumbnailUrl: null });
    const res = await fetch(`${hub.url}${String(up.body['url'])}`);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="notes.txt"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps only the base name of a path', async () => {
    const up = await upload('ann', c.channels.general, '../../etc/passwd.txt', new TextEncoder().encode('x'));
    expect(up.status).toBe(201);
    expect(up.body['name']).toBe('passwd.txt');
  });

  it('refuses bad files with a code each, storing nothing', async () => {
    const before = await stored();
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const bomb = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);
    const cases: [string, string, Uint8Array, number, string][] = [
      ['general', 'big.txt', Buffer.alloc(MAX_BYTES + 1, 'a'), 413, 'payload_too_large'],
      ['general', 'logo.svg', svg, 415, 'unsupported_type'],
      ['general', 'tool.exe', exe, 415, 'unsupported_type'],
      ['general', 'invoice.pdf', png, 422, 'file_mismatch'],
      ['general', 'bomb.png', bomb, 422, 'image_too_large'],
      ['general', 'bad\u0007name.png', png, 400, 'bad_request'],
      ['news', 'photo.png', png, 403, 'forbidden'],
      ['secret', 'photo.png', png, 404, 'not_found'],
    ];
    for (const [channel, name, bytes, status, code] of cases) {
      const res = await upload('ann', c.channels[channel as keyof TestCommunity['channels']], name, bytes);
      expect({ name, status: res.status, code: (res.body['error'] as { code: string }).code }).toEqual({
        name,
        status,
        code,
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('lets a message claim only its sender’s pending uploads of that channel', async () => {
    const up = await upload('ann', c.channels.general, 'a.txt', new TextEncoder().encode('a'));
    const bob = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    const stolen = await bob.request({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'mine now', attachments: [up.body['id']] },
      nonce: randomUUID(),
    });
    expect(stolen.error?.code).toBe('not_found');
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const first = await ann.request({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'one', attachments: [up.body['id']] },
      nonce: randomUUID(),
    });
    expect(first.error).toBeUndefined();
    const again = await ann.request({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'two', attachments: [up.body['id']] },
      nonce: randomUUID(),
    });
    expect(again.error?.code).toBe('not_found');
    ann.close();
    bob.close();
  });

  it('gives the files of a publish refused after their claim back: the next message may use them', async () => {
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const first = await upload('ann', c.channels.slow, 'one.txt', new TextEncoder().encode('one'));
    const again = await upload('ann', c.channels.slow, 'two.txt', new TextEncoder().encode('two'));
    await ann.ok({
      type: 'publish',
      channel: c.topic('slow'),
      data: { body: 'first', attachments: [first.body['id']] },
      nonce: randomUUID(),
    });
    // Refused by slowmode after its files were claimed: they go back to pending.
    const refused = await ann.request({
      type: 'publish',
      channel: c.topic('slow'),
      data: { body: 'second', attachments: [again.body['id']] },
      nonce: randomUUID(),
    });
    expect(refused.error?.code).toBe('slowmode');
    const row = await db.connection.db
      ?.collection('attachments')
      .findOne({ _id: new Types.ObjectId(String(again.body['id'])) });
    expect(row?.['messageId']).toBeNull();
    // Another message (a new nonce: the text was revised) may claim them.
    const attachments = new Attachments(
      db.connection,
      new GridFsObjectStore(db.connection),
      hub.config.attachments,
      hub.config.audit.secret,
    );
    const revised = await attachments.claim([String(again.body['id'])], {
      ownerId: 'ann',
      communityId: c.id,
      channelId: c.channels.slow,
      messageId: new Types.ObjectId().toHexString(),
      nonce: randomUUID(),
    });
    expect(revised.map((f) => f.name)).toEqual(['two.txt']);
    ann.close();
  });

  it('the claim sweep keeps the files of a message the hub stored, and deletes those claimed by a message never stored', async () => {
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const kept = await upload('ann', c.channels.general, 'kept.txt', new TextEncoder().encode('kept'));
    const lost = await upload('ann', c.channels.general, 'lost.txt', new TextEncoder().encode('lost'));
    const sent = await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'first', attachments: [kept.body['id']] },
      nonce: randomUUID(),
    });
    ann.close();
    const store = new GridFsObjectStore(db.connection);
    const attachments = new Attachments(
      db.connection,
      store,
      hub.config.attachments,
      hub.config.audit.secret,
    );
    // A node claimed these for a message, then died before storing it.
    await attachments.claim([String(lost.body['id'])], {
      ownerId: 'ann',
      communityId: c.id,
      channelId: c.channels.general,
      messageId: new Types.ObjectId().toHexString(),
      nonce: randomUUID(),
    });

    // The hub node's write-ahead registry: it owes nothing older than its last heartbeat.
    const redis = createRedis(hub.config.redis, { name: 'attachments-test' });
    const owed = await owedSince(redis, hub.config.redis.keyPrefix);
    await redis.quit();
    expect(owed).toBeGreaterThan(Date.now() - 30_000);
    // A lifetime later, the node's heartbeats past the claims by the margin.
    const later = Date.now() + hub.config.attachments.pendingTtlS * 1000 + 60_000;
    await sweepClaims(attachments, { chatOwedSince: Date.now() + 2 * CLAIM_TO_PUBLISH_MS }, later);
    const row = (id: unknown) =>
      db.connection.db?.collection('attachments').findOne({ _id: new Types.ObjectId(String(id)) });
    expect((await row(kept.body['id']))?.['messageId']?.toHexString()).toBe(sent['messageId']);
    expect(await row(lost.body['id'])).toBeNull();
    expect(
      await db.connection.db
        ?.collection(`${GRIDFS_BUCKET}.files`)
        .countDocuments({ filename: { $regex: String(lost.body['id']) } }),
    ).toBe(0);
  });

  it('deletes the bytes with the message, and with the uploader’s erasure (her pending-upload counts too)', async () => {
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const up = await upload(
      'ann',
      c.channels.general,
      'p.png',
      await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123' } })
        .png()
        .toBuffer(),
    );
    const sent = await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'pic', attachments: [up.body['id']] },
      nonce: randomUUID(),
    });
    const files = () =>
      db.connection.db
        ?.collection(`${GRIDFS_BUCKET}.files`)
        .countDocuments({ filename: { $regex: String(up.body['id']) } });
    expect(await files()).toBe(2);
    const annApi = await apiAs(hub.url, 'ann');
    expect(
      (await annApi('DELETE', `/api/v1/channels/${c.channels.general}/messages/${String(sent['messageId'])}`))
        .status,
    ).toBe(200);
    expect(await files()).toBe(0);
    expect((await fetch(`${hub.url}${String(up.body['url'])}`)).status).toBe(404);

    const pending = await upload('ann', c.channels.general, 'left.txt', new TextEncoder().encode('left'));
    expect(pending.status).toBe(201);
    // The pending-upload cap counts it under a key that names her.
    const redis = createRedis(hub.config.redis, { name: 'test-attachments-erasure' });
    onTestFinished(async () => void (await redis.quit()));
    const capKey = keySpace(hub.config.redis.keyPrefix).pendingUploads('ann', c.id);
    expect(await redis.exists(capKey)).toBe(1);
    const exported = await annApi('GET', '/api/v1/users/ann/export');
    expect(JSON.stringify(exported.body)).toContain('left.txt');
    expect((await annApi('DELETE', '/api/v1/users/ann')).status).toBe(200);
    expect(await db.connection.db?.collection('attachments').countDocuments({ ownerId: 'ann' })).toBe(0);
    expect(
      await db.connection.db
        ?.collection(`${GRIDFS_BUCKET}.files`)
        .countDocuments({ 'metadata.metadata.name': 'left.txt' }),
    ).toBe(0);
    expect(await redis.exists(capKey)).toBe(0);
    ann.close();
  });
});
