import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { auditKeysFrom, auditTrailOf, bindAuditTrail } from './audit-keys.js';
import { createChannel, findOrCreateDm, getChannel } from './channels.js';
import { createCommunity } from './communities.js';
import { addMember, banMember } from './members.js';
import {
  addReaction,
  deleteMessage,
  editMessage,
  getMessage,
  insertMessage,
  pinMessage,
} from './messages.js';
import { eraseUser, exportUser, pseudonymFor } from './privacy.js';
import { setLastRead } from './read-states.js';
import { useTestDatabase } from '../../test/support/database.js';

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

const ZED = 'zed-erasable-42';
/** Every text Zed writes carries this, so its absence afterwards is checkable. */
const MARK = 'ZEDSECRET';
const COLLECTIONS = ['members', 'publications', 'read_states', 'bans', 'channels'];

async function dump(): Promise<string> {
  const docs = await Promise.all(COLLECTIONS.map((c) => connection.collection(c).find().toArray()));
  return JSON.stringify(docs);
}

async function world() {
  const roles = [{ key: 'everyone' as const, name: '@everyone', permissions: 1, position: 0 }];
  const { community } = await createCommunity(connection, { slug: 'erasure', name: 'Erasure' }, roles);
  const { community: other } = await createCommunity(connection, { slug: 'erasure-2', name: 'Other' }, roles);
  const cid = community._id;
  await addMember(connection, { communityId: cid, userId: ZED, displayName: `Zed ${MARK} Zebra` });
  await addMember(connection, { communityId: cid, userId: 'amy', displayName: 'Amy' });
  await addMember(connection, { communityId: other._id, userId: ZED, displayName: `Zed ${MARK}` });
  await banMember(connection, { communityId: other._id, userId: ZED, reason: 'spam', bannedBy: 'amy' });
  await addMember(connection, { communityId: cid, userId: 'bo', displayName: 'Bo' });
  await banMember(connection, {
    communityId: cid,
    userId: 'bo',
    reason: `${MARK} says bo spams`,
    bannedBy: ZED,
  });

  const general = await createChannel(connection, {
    communityId: cid,
    kind: 'text',
    name: 'general',
    createdBy: ZED,
    overwrites: [
      { targetType: 'member', targetId: ZED, allow: 1, deny: 0 },
      { targetType: 'member', targetId: 'amy', allow: 1, deny: 0 },
    ],
  });
  let offset = 0;
  const post = async (authorId: string, body: string, extra: { mentions?: { userIds: string[] } } = {}) =>
    (
      await insertMessage(connection, {
        channelId: general._id,
        communityId: cid,
        offset: ++offset,
        authorId,
        authorName: authorId === ZED ? `Zed ${MARK}` : authorId,
        body,
        ...extra,
      })
    ).message;
  const amy1 = await post('amy', 'Hi all, who fixes boilers?');
  const zed1 = await post(ZED, `${MARK} I do, ask me`);
  await editMessage(connection, zed1._id, { body: `${MARK} I do, DM me` });
  const zed2 = await post(ZED, `${MARK} this one I regret`);
  await deleteMessage(connection, zed2._id, ZED);
  const amy2 = await post('amy', 'Thanks!', { mentions: { userIds: [ZED, 'bo'] } });
  await addReaction(connection, amy1._id, '👍', ZED);
  await addReaction(connection, amy1._id, '👍', 'bo');
  await addReaction(connection, amy2._id, `${MARK}-emoji`, ZED);
  await addReaction(connection, zed1._id, '❤️', 'amy');
  await pinMessage(connection, amy1._id, ZED);
  await setLastRead(connection, ZED, general._id, 4);
  await setLastRead(connection, 'amy', general._id, 4);

  const { channel: dm } = await findOrCreateDm(connection, ZED, 'amy');
  await insertMessage(connection, {
    channelId: dm._id,
    communityId: null,
    offset: 1,
    authorId: ZED,
    authorName: `Zed ${MARK}`,
    body: `${MARK} private words`,
  });
  const group = await createChannel(connection, {
    kind: 'group_dm',
    name: '',
    participantIds: [ZED, 'amy', 'bo'],
    createdBy: 'amy',
  });
  return { cid, other: other._id, general, amy1, amy2, zed1, zed2, dm, group };
}

describe('export and erasure', () => {
  it('exports everything about a user as JSON, then erases it all, idempotently', async () => {
    const w = await world();

    const before = await exportUser(connection, ZED);
    expect(JSON.parse(JSON.stringify(before))).toEqual(before);
    expect(before.memberships.map((m) => m.communityId).sort()).toEqual(
      [w.cid.toHexString(), w.other.toHexString()].sort(),
    );
    expect(before.messages.map((m) => m.body)).toEqual([`${MARK} I do, DM me`, '', `${MARK} private words`]);
    expect(before.messages[0]?.edits.map((e) => e.body)).toEqual([`${MARK} I do, ask me`]);
    expect(before.reactions.map((r) => r.emoji).sort()).toEqual([`${MARK}-emoji`, '👍'].sort());
    expect(before.readStates).toEqual([
      expect.objectContaining({ channelId: w.general._id.toHexString(), lastReadOffset: 4 }),
    ]);
    expect(before.bans).toEqual([
      expect.objectContaining({ communityId: w.other.toHexString(), reason: 'spam' }),
    ]);
    expect(before.channels.map((c) => c.kind).sort()).toEqual(['dm', 'group_dm', 'text']);
    expect(await dump()).toContain(MARK);

    const counts = await eraseUser(connection, ZED);
    expect(counts).toEqual({
      messages: 3,
      mentions: 1,
      reactions: 2,
      memberships: 2,
      readStates: 1,
      bans: 1,
      channels: 3,
    });

    const after = await exportUser(connection, ZED);
    expect({ ...after, exportedAt: '' }).toEqual({
      userId: ZED,
      exportedAt: '',
      memberships: [],
      messages: [],
      reactions: [],
      readStates: [],
      bans: [],
      channels: [],
    });
    const everything = await dump();
    expect(everything).not.toContain(MARK);
    expect(everything).not.toContain(ZED);

    // What others wrote and did stays; Zed's messages stay as anonymous tombstones.
    const p = pseudonymFor(connection, ZED);
    const zed1 = await getMessage(connection, w.zed1._id);
    expect(zed1).toMatchObject({
      authorId: p,
      authorName: 'Deleted user',
      body: '',
      edits: [],
      reactions: [],
    });
    expect(zed1?.deletedAt).toBeInstanceOf(Date);
    expect(zed1?.offset).toBe(w.zed1.offset);
    const amy1 = await getMessage(connection, w.amy1._id);
    expect(amy1).toMatchObject({ body: 'Hi all, who fixes boilers?', pinnedBy: p });
    expect(amy1?.reactions).toEqual([{ emoji: '👍', userIds: ['bo'] }]);
    const amy2 = await getMessage(connection, w.amy2._id);
    expect(amy2).toMatchObject({ body: 'Thanks!', reactions: [], mentions: { userIds: ['bo'] } });
    expect((await getMessage(connection, w.zed2._id))?.deletedBy).toBe(p);
    expect((await getChannel(connection, w.general._id))?.overwrites.map((o) => o.targetId)).toEqual(['amy']);
    expect((await getChannel(connection, w.group._id))?.participantIds).toEqual([p, 'amy', 'bo']);
    expect((await findOrCreateDm(connection, 'amy', p)).channel._id.equals(w.dm._id)).toBe(true);
    expect((await exportUser(connection, 'amy')).messages).toHaveLength(2);
    const bans = await connection.collection('bans').find().toArray();
    expect(bans).toEqual([expect.objectContaining({ userId: 'bo', bannedBy: p, reason: '' })]);

    // Running it again changes nothing.
    expect(await eraseUser(connection, ZED)).toEqual({
      messages: 0,
      mentions: 0,
      reactions: 0,
      memberships: 0,
      readStates: 0,
      bans: 0,
      channels: 0,
    });
    expect(await dump()).toBe(everything);
  });

  it('makes a stable pseudonym that is a valid user id and not the id', () => {
    const of = (u: string) => pseudonymFor(connection, u);
    expect(of('ann')).toBe(of('ann'));
    expect(of('ann')).not.toBe(of('bob'));
    expect(of('ann')).toMatch(/^erased-[0-9a-f]{24}$/);
  });

  it('keys the pseudonym: hashing candidate ids does not find whose it is', () => {
    const p = pseudonymFor(connection, 'ann');
    const unkeyed = (u: string) =>
      `erased-${createHash('sha256').update(`hubbub:erased:${u}`).digest('hex').slice(0, 24)}`;
    expect(p).not.toBe(unkeyed('ann'));
    // Another server key, another pseudonym: only the key's holder can recompute it.
    const elsewhere = mongoose.createConnection();
    bindAuditTrail(elsewhere, { ...auditTrailOf(connection), keys: auditKeysFrom('x'.repeat(32)) });
    expect(pseudonymFor(elsewhere, 'ann')).not.toBe(p);
    // A connection with no key refuses rather than writing an unkeyed pseudonym.
    expect(() => pseudonymFor(mongoose.createConnection(), 'ann')).toThrow(/no keys bound/);
  });
});
