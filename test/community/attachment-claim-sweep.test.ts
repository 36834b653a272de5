// Files claimed by a message that was never stored (its node died between the claim and the
// write) against the test MongoDB server, GridFS and Redis: once the claim is older than the
// pending lifetime and the write-ahead registry says no hub node can still store the message,
// the sweep deletes row and bytes; a claim whose message is stored is kept (and confirmed, so it
// is not looked at again), as is one whose retried publish stored the files under its own id; a
// support claim is judged by the support messages. A claim refused halfway leaves nothing claimed.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attachments, type AttachmentSettings } from '../../community/attachments/attachments.js';
import { CLAIM_TO_PUBLISH_MS, sweepClaims } from '../../community/attachments/claim-sweep.js';
import { storedSupportMessages, supportMessages } from '../../inbox/store/models.js';
import { owedSince } from '../../realtime/publish/write-ahead.js';
import { attachmentModel } from '../../storage/models/attachment.model.js';
import { chatMessageModel } from '../../storage/models/chat-message.model.js';
import { GridFsObjectStore } from '../../storage/objects/object-store.gridfs.js';
import { createRedis, type RedisClient } from '../../storage/redis.js';
import { keySpace } from '../../storage/redis-keys.js';
import { insertMessage } from '../../storage/repositories/messages.js';
import { seedAttachment, type SeededAttachment } from '../support/attachments.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { testConfig } from '../support/config.js';
import { deleteKeys } from '../support/redis-cleanup.js';

const TTL_S = 3600;
const SETTINGS: AttachmentSettings = {
  maxBytes: 1024,
  maxPerMessage: 3,
  maxPending: 50,
  urlTtlS: 60,
  pendingTtlS: TTL_S,
  maxImagePixels: 1_000_000,
  imageConcurrency: 2,
};

describe('the claim sweep', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: GridFsObjectStore;
  let attachments: Attachments;
  let redis: RedisClient;
  let c: TestCommunity;
  let offset = 0;
  const prefix = `claims${randomUUID().slice(0, 6)}`;
  /** A sweep run once the pending lifetime has passed for every claim made so far. */
  const later = () => Date.now() + TTL_S * 1000 + 60_000;

  beforeAll(async () => {
    db = await testDatabase();
    store = new GridFsObjectStore(db.connection);
    attachments = new Attachments(
      db.connection,
      store,
      SETTINGS,
      'a-test-secret-of-enough-length-0123456789',
    );
    redis = createRedis(testConfig().redis, { name: 'claim-sweep-test' });
    c = await provisionTestCommunity(db.url);
  });
  afterAll(async () => {
    await deleteKeys(redis, `${prefix}:*`);
    redis.disconnect();
    await store.close();
    await db.drop();
  });

  const upload = () =>
    seedAttachment(db.connection, store, {
      ownerId: 'ann',
      communityId: c.id,
      channelId: c.channels.general,
      sentAtMs: null,
    });
  const claimInChat = (files: SeededAttachment[], messageId: string, nonce = '') =>
    attachments.claim(
      files.map((f) => f.id.toHexString()),
      { ownerId: 'ann', communityId: c.id, channelId: c.channels.general, messageId, nonce },
    );
  const storeChatMessage = async (messageId: string, files: SeededAttachment[] = []) => {
    await insertMessage(db.connection, {
      id: messageId,
      channelId: c.channels.general,
      communityId: c.id,
      offset: ++offset,
      authorId: 'ann',
      authorName: 'Ann',
      body: 'with files',
    });
    if (files.length > 0)
      await chatMessageModel(db.connection).updateOne(
        { _id: new Types.ObjectId(messageId) },
        {
          $set: {
            attachments: files.map((f) => ({
              id: f.id,
              name: 'note.txt',
              size: 1,
              contentType: 'text/plain',
            })),
          },
        },
      );
  };
  const row = (f: SeededAttachment) => attachmentModel(db.connection).findById(f.id).lean();
  const exists = async (f: SeededAttachment) => ({
    object: (await store.head(f.key)) !== null,
    record: (await row(f)) !== null,
  });
  const newId = () => new Types.ObjectId().toHexString();

  it('deletes a file whose message was never stored, once the lifetime passed, and keeps one whose message is', async () => {
    const [orphan, sent] = [await upload(), await upload()];
    const neverStored = newId();
    const stored = newId();
    await claimInChat([orphan], neverStored);
    await claimInChat([sent], stored);
    await storeChatMessage(stored);

    // Within the lifetime nothing is judged.
    expect(await sweepClaims(attachments, { chatOwedSince: null })).toEqual({ confirmed: 0, removed: 0 });
    expect(await exists(orphan)).toEqual({ object: true, record: true });

    expect(await sweepClaims(attachments, { chatOwedSince: null }, later())).toEqual({
      confirmed: 1,
      removed: 1,
    });
    expect(await exists(orphan)).toEqual({ object: false, record: false });
    expect(await exists(sent)).toEqual({ object: true, record: true });
    expect((await row(sent))?.messageId?.toHexString()).toBe(stored);
    // Confirmed: the next runs do not look at it again.
    expect(await sweepClaims(attachments, { chatOwedSince: null }, later())).toEqual({
      confirmed: 0,
      removed: 0,
    });
  });

  it('waits while a hub node of the write-ahead registry may still store the message', async () => {
    const orphan = await upload();
    const claimedAt = Date.now();
    await claimInChat([orphan], newId());
    // A node (dead, not swept yet) that had not stored a row published before the claim.
    const wal = keySpace(prefix).writeAhead;
    await redis.zadd(wal.nodes, claimedAt - 30_000, 'node-a');
    await redis.hset(wal.state('node-a'), 'oldest', String(claimedAt - 40_000));
    // A live node that has stored everything up to its last heartbeat, well after the claim.
    const heartbeat = claimedAt + 2 * CLAIM_TO_PUBLISH_MS;
    await redis.zadd(wal.nodes, heartbeat, 'node-b');
    await redis.hset(wal.state('node-b'), 'oldest', String(heartbeat));
    expect(await owedSince(redis, prefix)).toBe(claimedAt - 40_000);

    const sweep = async () =>
      sweepClaims(attachments, { chatOwedSince: await owedSince(redis, prefix) }, later());
    expect(await sweep()).toEqual({ confirmed: 0, removed: 0 });
    expect(await exists(orphan)).toEqual({ object: true, record: true });

    // Its oldest unstored row is now just after the claim: the message may still be among them.
    await redis.hset(wal.state('node-a'), 'oldest', String(claimedAt + CLAIM_TO_PUBLISH_MS / 2));
    expect(await sweep()).toEqual({ confirmed: 0, removed: 0 });

    // Swept (what it owed is stored, or gone with recent history): the claim is judged.
    await redis.zrem(wal.nodes, 'node-a');
    await redis.del(wal.state('node-a'));
    expect(await sweep()).toEqual({ confirmed: 0, removed: 1 });
    expect(await exists(orphan)).toEqual({ object: false, record: false });
  });

  it('keeps a file a retried publish stored under another id, and gives it to that message', async () => {
    const file = await upload();
    const firstAttempt = newId();
    await claimInChat([file], firstAttempt, 'nonce-1');
    // The first attempt was never sequenced; the retry, a new message, claims the same file.
    const retry = newId();
    await claimInChat([file], retry, 'nonce-1');
    await storeChatMessage(retry, [file]);

    expect(await sweepClaims(attachments, { chatOwedSince: null }, later())).toEqual({
      confirmed: 1,
      removed: 0,
    });
    expect(await exists(file)).toEqual({ object: true, record: true });
    expect((await row(file))?.messageId?.toHexString()).toBe(retry);
  });

  it('judges support claims by the support messages, and leaves them alone without them', async () => {
    const conversationId = newId();
    const supportUpload = () =>
      seedAttachment(db.connection, store, {
        ownerId: 'ann',
        communityId: c.id,
        conversationId,
        sentAtMs: null,
      });
    const [orphan, sent] = [await supportUpload(), await supportUpload()];
    const claim = (f: SeededAttachment, messageId: string) =>
      attachments.claim([f.id.toHexString()], {
        ownerId: 'ann',
        communityId: c.id,
        conversationId,
        messageId,
        nonce: '',
      });
    const stored = newId();
    await claim(orphan, newId());
    await claim(sent, stored);
    await supportMessages(db.connection).create({
      _id: new Types.ObjectId(stored),
      conversationId: new Types.ObjectId(conversationId),
      direction: 'member',
      content: 'the receipt',
      authorId: 'ann',
      authorName: 'Ann',
      sourceId: `hub-${stored}`,
    });

    expect(await sweepClaims(attachments, { chatOwedSince: null }, later())).toEqual({
      confirmed: 0,
      removed: 0,
    });
    expect(await exists(orphan)).toEqual({ object: true, record: true });

    const supportStored = (ids: readonly string[]) => storedSupportMessages(db.connection, ids);
    expect(await sweepClaims(attachments, { chatOwedSince: null, supportStored }, later())).toEqual({
      confirmed: 1,
      removed: 1,
    });
    expect(await exists(orphan)).toEqual({ object: false, record: false });
    expect(await exists(sent)).toEqual({ object: true, record: true });
  });

  it('gives back to pending the files of a claim refused halfway', async () => {
    const file = await upload();
    const refused = claimInChat([file, { id: new Types.ObjectId(), key: 'none' }], newId());
    await expect(refused).rejects.toMatchObject({ code: 'not_found' });
    const after = await row(file);
    expect(after?.messageId).toBeNull();
    expect(after?.claimedAt).toBeNull();
    // So another message can send it.
    expect(await claimInChat([file], newId())).toHaveLength(1);
  });
});
