import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { chatMessageModel } from './chat-message.model.js';

describe('ChatMessage model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;
  const base = () => {
    const channelId = new Types.ObjectId();
    return {
      channel: `chan:c1:${channelId.toHexString()}`,
      epoch: 'e1',
      data: '{"kind":"message"}',
      ts: 1_700_000_000_000,
      channelId,
      communityId: new Types.ObjectId(),
      offset: 1,
      authorId: 'ann',
      authorName: 'Ann',
      body: 'hello',
    };
  };

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await chatMessageModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores a message with defaults, subdocuments without ids', async () => {
    const Message = chatMessageModel(connection);
    const m = await Message.create({ ...base(), reactions: [{ emoji: '👍', userIds: ['bob'] }] });
    const raw = await connection.collection('publications').findOne({ _id: m._id });
    expect(raw).toMatchObject({
      replyToId: null,
      threadId: null,
      mentions: { userIds: [], roleIds: [], everyone: false },
      reactions: [{ emoji: '👍', userIds: ['bob'] }],
      edits: [],
      pinnedAt: null,
      editedAt: null,
      deletedAt: null,
      nonce: '',
    });
    // Exact shapes matter: FerretDB's $pull matches whole subdocuments.
    expect(Object.keys(raw?.['reactions'][0] as object)).toEqual(['emoji', 'userIds']);
    expect(raw?.['createdAt']).toBeInstanceOf(Date);
    expect(Object.keys(raw ?? {})).not.toContain('__v');
  });

  it('keeps one publication per (channel, offset)', async () => {
    const Message = chatMessageModel(connection);
    const first = base();
    await Message.create(first);
    await expect(Message.create({ ...first, body: 'again' })).rejects.toMatchObject({ code: 11000 });
    await Message.create({ ...first, offset: 2 });
  });

  it('has its indexes, stable under syncIndexes', async () => {
    const Message = chatMessageModel(connection);
    const indexes = await Message.listIndexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { channel: 1, offset: 1 }, unique: true }));
    for (const key of [
      { channelId: 1, offset: 1 },
      { channelId: 1, pinnedAt: -1 },
      { authorId: 1 },
      { communityId: 1, createdAt: -1 },
      { createdAt: 1 },
    ]) {
      expect(indexes).toContainEqual(expect.objectContaining({ key }));
    }
    expect(await Message.syncIndexes()).toEqual([]);
  });

  it('enforces the schema', async () => {
    const Message = chatMessageModel(connection);
    const cases: [RegExp, Record<string, unknown>][] = [
      [/body/, { body: 'x'.repeat(4_001) }],
      [/offset/, { offset: 0 }],
      [/offset/, { offset: 2.5 }],
      [/authorId/, { authorId: 'a b' }],
      [/emoji/, { reactions: [{ emoji: '', userIds: [] }] }],
      [/userIds/, { reactions: [{ emoji: 'x', userIds: ['a b'] }] }],
      [/roleIds/, { mentions: { roleIds: ['r1'] } }],
      [/extra/, { mentions: { extra: true } }],
      [/html/, { html: '<b>hi</b>' }],
    ];
    for (const [error, extra] of cases) {
      await expect(Message.create({ ...base(), ...extra }), String(error)).rejects.toThrow(error);
    }
    const m = await Message.create(base());
    m.offset = 9;
    await expect(m.save()).rejects.toThrow(/immutable/);
  });
});
