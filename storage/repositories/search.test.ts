import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { syncModelIndexes } from '../models/sync-indexes.js';
import { deleteMessage, insertMessage } from './messages.js';
import { escapeRegex, searchMessages, type SearchInput } from './search.js';

let connection: MongoConnection;
const community = new Types.ObjectId();
const otherCommunity = new Types.ObjectId();
const visible = new Types.ObjectId();
const visible2 = new Types.ObjectId();
const hidden = new Types.ObjectId();
const elsewhere = new Types.ObjectId();
let offset = 0;
const t0 = Date.UTC(2026, 0, 1);

const post = async (channelId: Types.ObjectId, body: string, communityId = community) =>
  (
    await insertMessage(connection, {
      channelId,
      communityId,
      offset: ++offset,
      authorId: 'ann',
      authorName: 'Ann',
      body,
      createdAt: new Date(t0 + offset * 1_000),
    })
  ).message;

const BODIES = [
  'Hello world',
  'say HELLO to the plumber',
  'regex fans write .* everywhere',
  'a (parenthesis) here',
  'try $where: 1 in a query',
  'character class [a-z] literal',
  'back\\slash and a|pipe and ^caret and {braces} and +plus? ',
  'nothing special',
];

beforeAll(async () => {
  const url = new URL(testConfig().mongodb.url);
  url.pathname = `/test_${randomUUID().slice(0, 8)}`;
  connection = await connectMongo(url.toString());
  await syncModelIndexes(connection);
  for (const body of BODIES) await post(visible, body);
  await post(visible2, 'hello from the second channel');
  await post(hidden, 'hello from a private channel .* ( $where');
  await post(elsewhere, 'hello from another community', otherCommunity);
  const gone = await post(visible, 'hello, soon deleted');
  await deleteMessage(connection, gone._id, 'mod');
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const search = async (query: string, extra: Partial<SearchInput> = {}) =>
  (
    await searchMessages(connection, {
      communityId: community,
      channelIds: [visible, visible2],
      query,
      limit: 50,
      ...extra,
    })
  ).map((m) => m.body);

describe('searchMessages', () => {
  it('finds substrings ignoring case, newest first, only in the channels given', async () => {
    expect(await search('hello')).toEqual([
      'hello from the second channel',
      'say HELLO to the plumber',
      'Hello world',
    ]);
    expect(await search('HeLLo', { channelIds: [visible] })).toEqual([
      'say HELLO to the plumber',
      'Hello world',
    ]);
    expect(await search('  plumber ')).toEqual(['say HELLO to the plumber']);
  });

  it('treats regex syntax and operators in the query literally', async () => {
    expect(await search('.*')).toEqual(['regex fans write .* everywhere']);
    expect(await search('(')).toEqual(['a (parenthesis) here']);
    expect(await search('$where')).toEqual(['try $where: 1 in a query']);
    expect(await search('[a-z]')).toEqual(['character class [a-z] literal']);
    expect(await search('\\')).toEqual(['back\\slash and a|pipe and ^caret and {braces} and +plus? ']);
    for (const q of ['a|pipe', '^caret', '{braces}', '+plus?']) {
      expect(await search(q), q).toEqual(['back\\slash and a|pipe and ^caret and {braces} and +plus? ']);
    }
    expect(await search('.')).toEqual(['regex fans write .* everywhere']);
    expect(await search('x|hello')).toEqual([]);
    expect(escapeRegex('a.b*c')).toBe('a\\.b\\*c');
  });

  it('never returns deleted messages, other channels or other communities', async () => {
    const all = await search('hello');
    expect(all.join()).not.toMatch(/deleted|private|another/);
    // The private channel's message is there, for whoever may view it.
    expect(await search('hello', { channelIds: [hidden] })).toEqual([
      'hello from a private channel .* ( $where',
    ]);
    expect(await search('$where')).toEqual(['try $where: 1 in a query']);
    expect(await search('hello', { communityId: otherCommunity, channelIds: [visible, elsewhere] })).toEqual([
      'hello from another community',
    ]);
    expect(await search('hello', { channelIds: [] })).toEqual([]);
    expect(await search('')).toEqual([]);
  });

  it('pages with a limit and the last id seen', async () => {
    const page = (before?: Types.ObjectId) =>
      searchMessages(connection, {
        communityId: community,
        channelIds: [visible, visible2],
        query: 'e',
        limit: 3,
        ...(before ? { before } : {}),
      });
    const seen: string[] = [];
    let last: Types.ObjectId | undefined;
    for (;;) {
      const results = await page(last);
      if (results.length === 0) break;
      seen.push(...results.map((m) => m.body));
      last = results.at(-1)?._id;
    }
    const expected = [...BODIES, 'hello from the second channel']
      .filter((b) => b.toLowerCase().includes('e'))
      .reverse();
    expect(seen).toEqual(expected);
  });

  it('refuses what is not a query', async () => {
    await expect(search('x'.repeat(201))).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(search({ $ne: null } as unknown as string)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(search('x', { channelIds: ['not-an-id'] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
