// What happens to files later, on each real store (GridFS on the test MongoDB server, S3 on the
// test SeaweedFS): pending uploads past their lifetime are swept (those for a support
// conversation never started too), and a community's retention deletes the files of its old
// messages, or keeps them with the uploader's pseudonym, and leaves its support conversations'
// files alone (they go with their conversation).
import { Types } from 'mongoose';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentModel } from '../../storage/models/attachment.model.js';
import { GridFsObjectStore } from '../../storage/objects/object-store.gridfs.js';
import type { ObjectStore } from '../../storage/objects/object-store.js';
import { S3ObjectStore } from '../../storage/objects/object-store.s3.js';
import { pseudonymFor } from '../../storage/repositories/privacy.js';
import { seedAttachment, type SeededAttachment } from '../../test/support/attachments.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../../test/support/community.js';
import { ensureTestBucket, testS3Options } from '../../test/support/s3.js';
import { Attachments, type AttachmentSettings } from './attachments.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SETTINGS: AttachmentSettings = {
  maxBytes: 1024,
  maxPerMessage: 3,
  maxPending: 50,
  urlTtlS: 60,
  pendingTtlS: 3600,
  maxImagePixels: 1_000_000,
  imageConcurrency: 2,
};

const stores: [
  string,
  (connection: Awaited<ReturnType<typeof testDatabase>>['connection']) => Promise<ObjectStore>,
][] = [
  ['GridFS', async (connection) => new GridFsObjectStore(connection)],
  [
    'S3',
    async () => {
      const options = testS3Options();
      await ensureTestBucket(options);
      return new S3ObjectStore(options);
    },
  ],
];

describe.each(stores)('attachments expiring on %s', (_name, makeStore) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: ObjectStore;
  let attachments: Attachments;
  let c: TestCommunity;
  const now = Date.now();

  beforeAll(async () => {
    db = await testDatabase();
    store = await makeStore(db.connection);
    attachments = new Attachments(
      db.connection,
      store,
      SETTINGS,
      'a-test-secret-of-enough-length-0123456789',
    );
    c = await provisionTestCommunity(db.url);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const seed = (ownerId: string, sentAtMs: number | null, uploadedAtMs?: number) =>
    seedAttachment(db.connection, store, {
      ownerId,
      communityId: c.id,
      channelId: c.channels.general,
      sentAtMs,
      uploadedAtMs,
    });
  const exists = async (a: SeededAttachment) => ({
    object: (await store.head(a.key)) !== null,
    record: (await attachmentModel(db.connection).exists({ _id: a.id })) !== null,
  });
  const ownerOf = async (a: SeededAttachment) =>
    (await attachmentModel(db.connection).findById(a.id).lean())?.ownerId;

  it('sweeps pending uploads past their lifetime, bytes and record, and nothing else', async () => {
    const stale = await seed('ann', null, now - 2 * HOUR);
    const fresh = await seed('ann', null, now - 10 * 60_000);
    const sentLongAgo = await seed('ann', now - 2 * HOUR, now - 2 * HOUR);

    expect(await attachments.sweepPending(now)).toBe(1);
    expect(await exists(stale)).toEqual({ object: false, record: false });
    expect(await exists(fresh)).toEqual({ object: true, record: true });
    expect(await exists(sentLongAgo)).toEqual({ object: true, record: true });
  });

  it('sweeps the uploads for a support conversation never started as other pending ones', async () => {
    const forNew = (uploadedAtMs: number) =>
      seedAttachment(db.connection, store, {
        ownerId: 'ann',
        communityId: c.id,
        sentAtMs: null,
        uploadedAtMs,
      });
    const stale = await forNew(now - 2 * HOUR);
    const fresh = await forNew(now - 10 * 60_000);

    expect(await attachments.sweepPending(now)).toBe(1);
    expect(await exists(stale)).toEqual({ object: false, record: false });
    expect(await exists(fresh)).toEqual({ object: true, record: true });
  });

  it("deletes the files of messages sent before a community's retention cutoff", async () => {
    const old = await seed('ann', now - 10 * DAY, now - 10 * DAY);
    const recent = await seed('ann', now - DAY, now - DAY);
    // Uploaded before the cutoff but sent after it: its message is recent, so it stays.
    const sentLate = await seed('bob', now - 6 * DAY, now - 8 * DAY);
    const pending = await seed('bob', null, now - 10 * DAY);

    expect(await attachments.applyRetention(c.id, new Date(now - 7 * DAY), 'delete')).toBe(1);
    expect(await exists(old)).toEqual({ object: false, record: false });
    for (const kept of [recent, sentLate, pending])
      expect(await exists(kept)).toEqual({ object: true, record: true });
    // Another community's old files are not this retention's.
    const other = await provisionTestCommunity(db.url);
    const elsewhere = await seedAttachment(db.connection, store, {
      ownerId: 'ann',
      communityId: other.id,
      channelId: other.channels.general,
      sentAtMs: now - 30 * DAY,
    });
    expect(await attachments.applyRetention(c.id, new Date(now - 7 * DAY), 'delete')).toBe(0);
    expect(await exists(elsewhere)).toEqual({ object: true, record: true });
  });

  it("leaves a support conversation's files to it, and treats files from before owner scopes as a channel's", async () => {
    const community = await provisionTestCommunity(db.url);
    const support = await seedAttachment(db.connection, store, {
      ownerId: 'ann',
      communityId: community.id,
      conversationId: new Types.ObjectId().toHexString(),
      sentAtMs: now - 10 * DAY,
    });
    // A row as written before support attachments: no conversationId at all.
    const legacyId = new Types.ObjectId();
    const legacy = { id: legacyId, key: `attachments/${legacyId.toHexString()}` };
    await store.put(legacy.key, Readable.from([Buffer.from('old')]), {
      contentType: 'text/plain',
      maxBytes: 10,
    });
    await db.connection.db?.collection('attachments').insertOne({
      _id: legacyId,
      ownerId: 'ann',
      communityId: new Types.ObjectId(community.id),
      channelId: new Types.ObjectId(community.channels.general),
      name: 'old.txt',
      size: 3,
      contentType: 'text/plain',
      width: null,
      height: null,
      key: legacy.key,
      thumbKey: null,
      messageId: Types.ObjectId.createFromTime(Math.floor((now - 10 * DAY) / 1000)),
      claimNonce: null,
      createdAt: new Date(now - 10 * DAY),
    });
    expect(await attachments.applyRetention(community.id, new Date(now - 7 * DAY), 'delete')).toBe(1);
    expect(await exists(legacy)).toEqual({ object: false, record: false });
    expect(await exists(support)).toEqual({ object: true, record: true });
  });

  it('anonymizing keeps the files of old messages with their uploader replaced by the pseudonym', async () => {
    const community = await provisionTestCommunity(db.url);
    const old = await seedAttachment(db.connection, store, {
      ownerId: 'ann',
      communityId: community.id,
      channelId: community.channels.general,
      sentAtMs: now - 10 * DAY,
    });
    const recent = await seedAttachment(db.connection, store, {
      ownerId: 'ann',
      communityId: community.id,
      channelId: community.channels.general,
      sentAtMs: now - DAY,
    });
    const cutoff = new Date(now - 7 * DAY);
    expect(await attachments.applyRetention(community.id, cutoff, 'anonymize')).toBe(1);
    expect(await exists(old)).toEqual({ object: true, record: true });
    expect(await ownerOf(old)).toBe(pseudonymFor(db.connection, 'ann'));
    expect(await ownerOf(recent)).toBe('ann');
    // A rerun finds nothing left to anonymize.
    expect(await attachments.applyRetention(community.id, cutoff, 'anonymize')).toBe(0);
    // And the uploader's export no longer lists it.
    const exported = (await attachments.privacySource().export('ann')) as { id: string }[];
    expect(exported.map((a) => a.id)).not.toContain(old.id.toHexString());
    expect(exported.map((a) => a.id)).toContain(recent.id.toHexString());
  });
});
