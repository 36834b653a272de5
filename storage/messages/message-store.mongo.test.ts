import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessageModel } from '../models/chat-message.model.js';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { describeMessageStoreContract } from './message-store.contract.js';
import type { StoredPublication } from './message-store.js';
import { MongoMessageStore } from './message-store.mongo.js';

let connection: MongoConnection;

beforeAll(async () => {
  const url = new URL(testConfig().mongodb.url);
  url.pathname = `/test_msg_${randomUUID().slice(0, 8)}`;
  connection = await connectMongo(url.toString());
  await new MongoMessageStore(connection).syncIndexes();
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

describeMessageStoreContract('MongoDB protocol (FerretDB in tests)', () => new MongoMessageStore(connection));

describe('MongoMessageStore specifics', () => {
  const row = (channel: string, offset: number): StoredPublication => ({
    channel,
    offset,
    epoch: 'e1',
    data: '{}',
    userId: 'u1',
    userName: 'Ada',
    nonce: `n${offset}`,
    ts: 1_700_000_000_000,
  });

  it('has the unique (channel, offset) index', async () => {
    const indexes = await connection.collection('publications').indexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { channel: 1, offset: 1 }, unique: true }));
  });

  it('stores data as a string and no version key', async () => {
    const store = new MongoMessageStore(connection);
    const channel = `raw-${randomUUID().slice(0, 8)}`;
    await store.insert([{ ...row(channel, 1), data: '{"$gt": 1}' }]);
    const raw = await connection.collection('publications').findOne({ channel });
    expect(raw?.['data']).toBe('{"$gt": 1}');
    expect(Object.keys(raw ?? {}).sort()).toEqual(
      ['_id', 'channel', 'data', 'epoch', 'nonce', 'offset', 'ts', 'userId', 'userName'].sort(),
    );
  });

  it('rejects a batch with an invalid row even beside a duplicate, writing none of it', async () => {
    const store = new MongoMessageStore(connection);
    const channel = `invalid-${randomUUID().slice(0, 8)}`;
    await store.insert([row(channel, 1)]);
    await expect(store.insert([row(channel, 1), row(channel, 2), row(channel, 2.5)])).rejects.toThrow(
      /offset/,
    );
    expect((await store.after(channel, 0, 10)).map((p) => p.offset)).toEqual([1]);
  });

  it("stores a chat message's creation as the message's one record, valid for the chat model", async () => {
    const store = new MongoMessageStore(connection);
    const [community, channel, id, held] = [1, 2, 3, 4].map(() => new Types.ObjectId().toHexString());
    const topic = `chan:${community}:${channel}`;
    const message = (mid: string) => ({
      kind: 'message',
      id: mid,
      body: 'hello <@bob>',
      replyToId: null,
      mentions: { userIds: ['bob'], roleIds: [], everyone: false },
    });
    await store.insert([
      { ...row(topic, 1), data: JSON.stringify(message(id as string)) },
      {
        ...row(topic, 2),
        data: JSON.stringify({ kind: 'message.hidden', id: held, by: 'automod' }),
        record: JSON.stringify({ ...message(held as string), hiddenBy: 'automod' }),
      },
    ]);
    const Message = chatMessageModel(connection);
    const shown = await Message.findById(id);
    expect(shown?.validateSync()).toBeUndefined();
    expect(shown?.toObject()).toMatchObject({
      channelId: new Types.ObjectId(channel),
      communityId: new Types.ObjectId(community),
      offset: 1,
      authorId: 'u1',
      body: 'hello <@bob>',
      mentions: { userIds: ['bob'] },
      hiddenAt: null,
    });
    const hidden = await Message.findById(held);
    expect(hidden?.validateSync()).toBeUndefined();
    expect(hidden?.toObject()).toMatchObject({ body: 'hello <@bob>', hiddenBy: 'automod' });
    // Gateway history replays what subscribers received: the placeholder, never the held text.
    expect((await store.after(topic, 1, 1))[0]?.data).toBe(
      JSON.stringify({ kind: 'message.hidden', id: held, by: 'automod' }),
    );
  });

  it('rethrows errors other than duplicate keys', async () => {
    const other = await connectMongo(testConfig().mongodb.url);
    const store = new MongoMessageStore(other);
    await other.close();
    await expect(store.insert([row(`closed-${randomUUID().slice(0, 8)}`, 1)])).rejects.toThrow();
  });
});
