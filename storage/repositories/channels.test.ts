import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { channelModel } from '../models/channel.model.js';
import { chatMessageModel } from '../models/chat-message.model.js';
import {
  createChannel,
  findOrCreateDm,
  getChannel,
  listChannels,
  listThreads,
  updateChannel,
  type NewChannel,
} from './channels.js';
import { createCommunity } from './communities.js';
import { insertMessage } from './messages.js';
import { useTestDatabase } from '../../test/support/database.js';

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

const community = async () =>
  (
    await createCommunity(connection, { slug: `c-${randomUUID().slice(0, 8)}`, name: 'C' }, [
      { key: 'everyone', name: '@everyone', permissions: 1, position: 0 },
    ])
  ).community._id;

const make = (communityId: Types.ObjectId, input: Partial<NewChannel> & Pick<NewChannel, 'kind'>) =>
  createChannel(connection, { communityId, name: input.kind, createdBy: 'admin-1', ...input });

describe('channels', () => {
  it('lists a community in display order: loose channels, then each category with its channels', async () => {
    const cid = await community();
    const info = await make(cid, { kind: 'category', name: 'Info', position: 0 });
    const talk = await make(cid, { kind: 'category', name: 'Talk', position: 1 });
    await make(cid, { kind: 'text', name: 'general', parentId: talk._id, position: 0 });
    await make(cid, { kind: 'voice', name: 'lounge', parentId: talk._id, position: 1 });
    await make(cid, { kind: 'announcement', name: 'news', parentId: info._id, position: 1 });
    await make(cid, { kind: 'support', name: 'help', parentId: info._id, position: 0 });
    await make(cid, { kind: 'text', name: 'welcome', position: 5 });
    await make(cid, { kind: 'stage', name: 'town-hall', position: 9, parentId: talk._id });
    const archived = await make(cid, { kind: 'text', name: 'old', parentId: talk._id, position: 2 });
    await updateChannel(connection, archived._id, { archived: true });
    // Moving a category moves its channels with it.
    await updateChannel(connection, info._id, { position: 3 });

    const names = (await listChannels(connection, cid)).map((c) => c.name);
    expect(names).toEqual(['welcome', 'Talk', 'general', 'lounge', 'town-hall', 'Info', 'help', 'news']);
    expect((await listChannels(connection, cid, { includeArchived: true })).map((c) => c.name)).toContain(
      'old',
    );
  });

  it('validates kind-specific fields', async () => {
    const cid = await community();
    const otherCid = await community();
    const category = await make(cid, { kind: 'category', name: 'Cat' });
    const text = await make(cid, { kind: 'text', name: 'text', parentId: category._id });
    const voice = await make(cid, { kind: 'voice', name: 'voice' });
    const foreignCategory = await make(otherCid, { kind: 'category', name: 'Other' });
    const bad: [string, RegExp, () => Promise<unknown>][] = [
      [
        'no community',
        /needs a community/,
        () => createChannel(connection, { kind: 'text', name: 'x', createdBy: 'a' }),
      ],
      ['unknown community', /community not found/, () => make(new Types.ObjectId(), { kind: 'text' })],
      ['empty name', /needs a name/, () => make(cid, { kind: 'text', name: '  ' })],
      [
        'category in category',
        /category has no parent/,
        () => make(cid, { kind: 'category', parentId: category._id }),
      ],
      [
        'channel under a text channel',
        /parent of a channel is a category/,
        () => make(cid, { kind: 'text', parentId: text._id }),
      ],
      [
        'category of another community',
        /unknown parent/,
        () => make(cid, { kind: 'text', parentId: foreignCategory._id }),
      ],
      ['thread without parent', /needs its parent/, () => make(cid, { kind: 'thread' })],
      [
        'thread in voice',
        /cannot start in a voice/,
        () => make(cid, { kind: 'thread', parentId: voice._id }),
      ],
      [
        'thread in category',
        /cannot start in a category/,
        () => make(cid, { kind: 'thread', parentId: category._id }),
      ],
      [
        'thread with overwrites',
        /takes its permissions/,
        () =>
          make(cid, {
            kind: 'thread',
            parentId: text._id,
            overwrites: [{ targetType: 'role', targetId: 'r', allow: 1, deny: 0 }],
          }),
      ],
      ['slowmode too long', /slowmodeS/, () => make(cid, { kind: 'text', slowmodeS: 21_601 })],
      ['negative slowmode', /slowmodeS/, () => make(cid, { kind: 'text', slowmodeS: -1 })],
      [
        'bits too large',
        /overwrites\.0\.allow/,
        () =>
          make(cid, {
            kind: 'text',
            overwrites: [{ targetType: 'role', targetId: 'r', allow: 2 ** 31, deny: 0 }],
          }),
      ],
      [
        'bad target type',
        /overwrites\.0\.targetType/,
        () =>
          make(cid, {
            kind: 'text',
            overwrites: [{ targetType: 'user' as 'role', targetId: 'r', allow: 1, deny: 0 }],
          }),
      ],
      [
        'duplicate target',
        /two overwrites/,
        () =>
          make(cid, {
            kind: 'text',
            overwrites: [
              { targetType: 'role', targetId: 'r', allow: 1, deny: 0 },
              { targetType: 'role', targetId: 'r', allow: 0, deny: 1 },
            ],
          }),
      ],
      [
        'participants in a community',
        /only DMs have participants/,
        () => make(cid, { kind: 'text', participantIds: ['a', 'b'] }),
      ],
      ['dm through createChannel', /findOrCreateDm/, () => make(cid, { kind: 'dm' as 'group_dm' })],
      [
        'group dm in a community',
        /belongs to no community/,
        () => make(cid, { kind: 'group_dm', participantIds: ['admin-1', 'b'] }),
      ],
      [
        'group dm of one',
        /2 to 10 users/,
        () =>
          createChannel(connection, {
            kind: 'group_dm',
            name: '',
            participantIds: ['admin-1'],
            createdBy: 'admin-1',
          }),
      ],
      [
        'group dm without creator',
        /creator of a group DM/,
        () =>
          createChannel(connection, {
            kind: 'group_dm',
            name: '',
            participantIds: ['x', 'y'],
            createdBy: 'admin-1',
          }),
      ],
      [
        'group dm, bad user id',
        /participantIds/,
        () =>
          createChannel(connection, {
            kind: 'group_dm',
            name: '',
            participantIds: ['admin-1', 'a b'],
            createdBy: 'admin-1',
          }),
      ],
      [
        'group dm of 11',
        /2 to 10 users/,
        () =>
          createChannel(connection, {
            kind: 'group_dm',
            name: '',
            participantIds: ['admin-1', ...Array.from({ length: 10 }, (_, i) => `u${i}`)],
            createdBy: 'admin-1',
          }),
      ],
    ];
    for (const [what, reason, attempt] of bad) {
      await expect(attempt(), what).rejects.toMatchObject({
        code: expect.stringMatching(/validation_failed|not_found/),
        message: expect.stringMatching(reason),
      });
    }
    expect(await channelModel(connection).countDocuments({ communityId: cid })).toBe(3);

    const group = await createChannel(connection, {
      kind: 'group_dm',
      name: '',
      participantIds: ['admin-1', 'b', 'c'],
      createdBy: 'admin-1',
    });
    expect(group).toMatchObject({ communityId: null, participantIds: ['admin-1', 'b', 'c'] });
  });

  it('creates a thread from a message once, listed under its parent', async () => {
    const cid = await community();
    const text = await make(cid, { kind: 'text', name: 'general' });
    const { message } = await insertMessage(connection, {
      channelId: text._id,
      communityId: cid,
      offset: 1,
      authorId: 'u1',
      authorName: 'U',
      body: 'Who knows PEX fittings?',
    });
    const attempts = await Promise.allSettled(
      [1, 2, 3].map(() =>
        make(cid, { kind: 'thread', name: 'PEX', parentId: text._id, messageId: message._id }),
      ),
    );
    const created = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(created).toHaveLength(1);
    const thread = created[0];
    if (!thread) throw new Error('no thread');
    for (const a of attempts)
      if (a.status === 'rejected') expect(a.reason).toMatchObject({ code: 'conflict' });
    expect(
      (await chatMessageModel(connection).findById(message._id).lean())?.threadId?.equals(thread._id),
    ).toBe(true);
    expect((await listThreads(connection, text._id)).map((t) => t._id.toHexString())).toEqual([
      thread._id.toHexString(),
    ]);
    expect(await channelModel(connection).countDocuments({ kind: 'thread', parentId: text._id })).toBe(1);
    // Threads are not in the channel list.
    expect((await listChannels(connection, cid)).map((c) => c.kind)).toEqual(['text']);

    await expect(
      make(cid, { kind: 'thread', name: 'x', parentId: text._id, messageId: new Types.ObjectId() }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await updateChannel(connection, thread._id, { archived: true });
    expect(await listThreads(connection, text._id)).toEqual([]);
    expect(await listThreads(connection, text._id, { includeArchived: true })).toHaveLength(1);
  });

  it('updates overwrites, slowmode and archive state, validated', async () => {
    const cid = await community();
    const text = await make(cid, { kind: 'text', name: 'mods' });
    const overwrites = [
      { targetType: 'role' as const, targetId: new Types.ObjectId().toHexString(), allow: 0, deny: 1 },
      { targetType: 'member' as const, targetId: 'mod-1', allow: 1, deny: 0 },
    ];
    const updated = await updateChannel(connection, text._id, { overwrites, slowmodeS: 30, private: true });
    expect(updated).toMatchObject({ overwrites, slowmodeS: 30, private: true, archivedAt: null });

    const archived = await updateChannel(connection, text._id, { archived: true });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const again = await updateChannel(connection, text._id, { archived: true });
    expect(again.archivedAt).toEqual(archived.archivedAt);
    expect((await updateChannel(connection, text._id, { archived: false })).archivedAt).toBeNull();

    await expect(updateChannel(connection, text._id, { slowmodeS: 99_999 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      updateChannel(connection, text._id, {
        overwrites: [{ targetType: 'role', targetId: 'r', allow: -1, deny: 0 }],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      updateChannel(connection, text._id, {
        overwrites: [
          { targetType: 'role', targetId: 'r', allow: 0, deny: 0, extra: 1 } as (typeof overwrites)[number],
        ],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(updateChannel(connection, new Types.ObjectId(), { slowmodeS: 1 })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await getChannel(connection, text._id)).toMatchObject({ overwrites, slowmodeS: 30 });
  });

  it('finds or creates the one DM channel of a pair, under concurrency', async () => {
    const results = await Promise.all([
      findOrCreateDm(connection, 'ann', 'bob'),
      findOrCreateDm(connection, 'bob', 'ann'),
      findOrCreateDm(connection, 'ann', 'bob'),
      findOrCreateDm(connection, 'bob', 'ann'),
    ]);
    const ids = new Set(results.map((r) => r.channel._id.toHexString()));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0]?.channel).toMatchObject({
      kind: 'dm',
      communityId: null,
      participantIds: ['ann', 'bob'],
    });
    expect(await channelModel(connection).countDocuments({ kind: 'dm' })).toBe(1);
    expect((await findOrCreateDm(connection, 'ann', 'cy')).created).toBe(true);
    await expect(findOrCreateDm(connection, 'ann', 'ann')).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(updateChannel(connection, [...ids][0] ?? '', { overwrites: [] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('has the declared indexes, stable under syncIndexes', async () => {
    const Channel = channelModel(connection);
    const indexes = await Channel.listIndexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { communityId: 1, position: 1 } }));
    expect(indexes).toContainEqual(expect.objectContaining({ key: { parentId: 1 } }));
    expect(indexes).toContainEqual(expect.objectContaining({ key: { dmKey: 1 }, unique: true }));
    expect(await Channel.diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
  });
});
