import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { chatMessageModel, MAX_REACTION_EMOJI } from '../models/chat-message.model.js';
import {
  addReaction,
  deleteMessage,
  editMessage,
  getMessage,
  insertMessage,
  listMessages,
  listMessagesAfter,
  listPins,
  pinMessage,
  removeReaction,
  unpinMessage,
  type NewMessage,
} from './messages.js';
import { useTestDatabase } from '../../test/support/database.js';

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

const communityId = new Types.ObjectId();
const channel = () => new Types.ObjectId();
const msg = (channelId: Types.ObjectId, offset: number, extra: Partial<NewMessage> = {}): NewMessage => ({
  channelId,
  communityId,
  offset,
  authorId: 'ann',
  authorName: 'Ann',
  body: `message ${offset}`,
  ...extra,
});
const post = async (channelId: Types.ObjectId, offset: number, extra: Partial<NewMessage> = {}) =>
  (await insertMessage(connection, msg(channelId, offset, extra))).message;

describe('messages', () => {
  it('inserts idempotently by (channelId, offset)', async () => {
    const ch = channel();
    const first = await insertMessage(
      connection,
      msg(ch, 1, { nonce: 'n1', mentions: { userIds: ['bob', 'bob'] } }),
    );
    expect(first.inserted).toBe(true);
    expect(first.message).toMatchObject({
      offset: 1,
      body: 'message 1',
      threadId: null,
      replyToId: null,
      mentions: { userIds: ['bob'], roleIds: [], everyone: false },
      reactions: [],
      edits: [],
      deletedAt: null,
    });
    const again = await insertMessage(connection, msg(ch, 1, { body: 'a different body' }));
    expect(again.inserted).toBe(false);
    expect(again.message).toMatchObject({ _id: first.message._id, body: 'message 1', nonce: 'n1' });
    const concurrent = await Promise.all([2, 2, 2].map((o) => insertMessage(connection, msg(ch, o))));
    expect(concurrent.filter((r) => r.inserted)).toHaveLength(1);
    expect(await chatMessageModel(connection).countDocuments({ channelId: ch })).toBe(2);
  });

  it('validates what it stores', async () => {
    const ch = channel();
    const cases: [string, Partial<NewMessage>][] = [
      ['body', { body: 'x'.repeat(4_001) }],
      ['offset', { offset: 0 }],
      ['offset', { offset: 1.5 }],
      ['authorId', { authorId: 'not valid!' }],
      ['channelId', { channelId: 'nope' }],
      ['userIds', { mentions: { userIds: ['a b'] } }],
      ['roleIds', { mentions: { roleIds: ['not-an-id'] } }],
    ];
    for (const [what, extra] of cases) {
      await expect(insertMessage(connection, msg(ch, 1, extra)), what).rejects.toMatchObject({
        code: 'validation_failed',
        message: expect.stringContaining(what),
      });
    }
    expect((await post(ch, 1, { body: 'x'.repeat(4_000) })).body).toHaveLength(4_000);
  });

  it('pages a channel backwards by offset, oldest first within a page', async () => {
    const ch = channel();
    for (let o = 1; o <= 25; o++) await post(ch, o);
    await post(channel(), 26);
    const offsets = (page: { offset: number }[]) => page.map((m) => m.offset);
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    expect(offsets(await listMessages(connection, ch, { limit: 10 }))).toEqual(range(16, 25));
    expect(offsets(await listMessages(connection, ch, { before: 16, limit: 10 }))).toEqual(range(6, 15));
    expect(offsets(await listMessages(connection, ch, { before: 6, limit: 10 }))).toEqual(range(1, 5));
    expect(await listMessages(connection, ch, { before: 1, limit: 10 })).toEqual([]);
    expect(await listMessages(connection, ch, { limit: 0 })).toEqual([]);
    expect(await listMessages(connection, ch, { limit: 1_000 })).toHaveLength(25);
  });

  it('pages forwards after an offset, across gaps in the offsets', async () => {
    const ch = channel();
    for (const o of [1, 2, 5, 6, 9, 12]) await post(ch, o);
    await post(channel(), 3);
    const offsets = (page: { offset: number }[]) => page.map((m) => m.offset);
    expect(offsets(await listMessagesAfter(connection, ch, { after: 2, limit: 3 }))).toEqual([5, 6, 9]);
    expect(offsets(await listMessagesAfter(connection, ch, { after: 0, limit: 2 }))).toEqual([1, 2]);
    expect(offsets(await listMessagesAfter(connection, ch, { after: 9, limit: 3 }))).toEqual([12]);
    expect(await listMessagesAfter(connection, ch, { after: 12, limit: 3 })).toEqual([]);
    expect(await listMessagesAfter(connection, ch, { after: 1, limit: 0 })).toEqual([]);
    await expect(listMessagesAfter(connection, ch, { after: -1, limit: 3 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('edits, keeping every previous body, also under concurrent edits', async () => {
    const ch = channel();
    const m = await post(ch, 1, { body: 'v0' });
    const once = await editMessage(connection, m._id, { body: 'v1', mentions: { everyone: true } });
    expect(once).toMatchObject({ body: 'v1', mentions: { everyone: true }, edits: [{ body: 'v0' }] });
    expect(once.editedAt).toBeInstanceOf(Date);
    expect(once.edits[0]?.editedAt).toEqual(once.editedAt);

    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((body) => editMessage(connection, m._id, { body })));
    const after = await getMessage(connection, m._id);
    const versions = [...(after?.edits.map((e) => e.body) ?? []), after?.body];
    expect(versions.slice(0, 2)).toEqual(['v0', 'v1']);
    expect(versions.slice(2).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);

    await expect(editMessage(connection, m._id, { body: 'x'.repeat(4_001) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(editMessage(connection, new Types.ObjectId(), { body: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('soft-deletes into a tombstone that keeps its offset', async () => {
    const ch = channel();
    const m = await post(ch, 1, { body: 'secret', mentions: { userIds: ['bob'] } });
    await editMessage(connection, m._id, { body: 'secret 2' });
    await addReaction(connection, m._id, '👍', 'bob');
    await pinMessage(connection, m._id, 'mod');
    expect(await deleteMessage(connection, m._id, 'mod')).toBe(true);
    expect(await deleteMessage(connection, m._id, 'mod')).toBe(false);
    const tomb = await getMessage(connection, m._id);
    expect(tomb).toMatchObject({
      offset: 1,
      authorId: 'ann',
      body: '',
      edits: [],
      reactions: [],
      mentions: { userIds: [], roleIds: [], everyone: false },
      pinnedAt: null,
      deletedBy: 'mod',
    });
    expect(tomb?.deletedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(tomb)).not.toContain('secret');
    expect((await listMessages(connection, ch, { limit: 10 })).map((x) => x.offset)).toEqual([1]);
    await expect(editMessage(connection, m._id, { body: 'back' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(addReaction(connection, m._id, '👍', 'bob')).rejects.toMatchObject({ code: 'not_found' });
    await expect(pinMessage(connection, m._id, 'mod')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('adds and removes reactions atomically: one entry per emoji, one user per entry', async () => {
    const ch = channel();
    const m = await post(ch, 1);
    expect(await addReaction(connection, m._id, '👍', 'bob')).toBe(true);
    expect(await addReaction(connection, m._id, '👍', 'bob')).toBe(false);
    const users = Array.from({ length: 12 }, (_, i) => `user-${i}`);
    // Many users at once on one emoji, and several new emoji at once.
    await Promise.all([
      ...users.map((u) => addReaction(connection, m._id, '🎉', u)),
      ...users.map((u) => addReaction(connection, m._id, '👍', u)),
      ...['a', 'b', 'c'].map((e) => addReaction(connection, m._id, e, 'bob')),
      ...['a', 'b', 'c'].map((e) => addReaction(connection, m._id, e, 'cy')),
    ]);
    let stored = await getMessage(connection, m._id);
    const byEmoji = new Map(stored?.reactions.map((r) => [r.emoji, [...r.userIds].sort()]));
    expect([...byEmoji.keys()].sort()).toEqual(['a', 'b', 'c', '🎉', '👍'].sort());
    expect(stored?.reactions).toHaveLength(5);
    expect(byEmoji.get('🎉')).toEqual([...users].sort());
    expect(byEmoji.get('👍')).toEqual(['bob', ...users].sort());
    expect(byEmoji.get('a')).toEqual(['bob', 'cy']);

    expect(await removeReaction(connection, m._id, 'a', 'bob')).toBe(true);
    expect(await removeReaction(connection, m._id, 'a', 'bob')).toBe(false);
    expect(await removeReaction(connection, m._id, 'zz', 'bob')).toBe(false);
    // The last user of an emoji takes its entry away, even amid concurrent removals elsewhere.
    await Promise.all([
      removeReaction(connection, m._id, 'a', 'cy'),
      ...users.map((u) => removeReaction(connection, m._id, '🎉', u)),
      removeReaction(connection, m._id, 'b', 'bob'),
    ]);
    stored = await getMessage(connection, m._id);
    expect(stored?.reactions.map((r) => r.emoji).sort()).toEqual(['b', 'c', '👍'].sort());
    expect(stored?.reactions.find((r) => r.emoji === 'b')?.userIds).toEqual(['cy']);
    await expect(addReaction(connection, m._id, '', 'bob')).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(addReaction(connection, m._id, 'x', 'b o b')).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it(`caps a message at ${MAX_REACTION_EMOJI} different emoji`, async () => {
    const m = await post(channel(), 1);
    await Promise.allSettled(
      Array.from({ length: MAX_REACTION_EMOJI + 5 }, (_, i) =>
        addReaction(connection, m._id, `e${i}`, 'bob'),
      ),
    );
    expect((await getMessage(connection, m._id))?.reactions).toHaveLength(MAX_REACTION_EMOJI);
    await expect(addReaction(connection, m._id, 'one-more', 'bob')).rejects.toMatchObject({
      code: 'conflict',
    });
    // Joining an existing emoji still works at the cap.
    expect(await addReaction(connection, m._id, 'e0', 'cy')).toBe(true);
  });

  it('pins, unpins and lists pins, most recent first', async () => {
    const ch = channel();
    const [a, b, c] = [await post(ch, 1), await post(ch, 2), await post(ch, 3)];
    if (!a || !b || !c) throw new Error('not posted');
    expect(await pinMessage(connection, a._id, 'mod')).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect(await pinMessage(connection, c._id, 'mod')).toBe(true);
    expect(await pinMessage(connection, c._id, 'other')).toBe(false);
    expect((await listPins(connection, ch)).map((m) => m.offset)).toEqual([3, 1]);
    expect((await getMessage(connection, c._id))?.pinnedBy).toBe('mod');
    expect(await unpinMessage(connection, c._id)).toBe(true);
    expect(await unpinMessage(connection, c._id)).toBe(false);
    expect((await listPins(connection, ch)).map((m) => m.offset)).toEqual([1]);
    expect(await listPins(connection, channel())).toEqual([]);
  });

  it('has the declared indexes, stable under syncIndexes', async () => {
    const Message = chatMessageModel(connection);
    const indexes = await Message.listIndexes();
    for (const key of [
      { channelId: 1, offset: 1 },
      { channelId: 1, pinnedAt: -1 },
      { authorId: 1 },
      { communityId: 1, createdAt: -1 },
    ]) {
      expect(indexes).toContainEqual(expect.objectContaining({ key }));
    }
    expect(indexes).toContainEqual(expect.objectContaining({ key: { channel: 1, offset: 1 }, unique: true }));
    expect(await Message.diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
  });
});
