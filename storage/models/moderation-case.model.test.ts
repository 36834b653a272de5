import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { moderationCaseModel } from './moderation-case.model.js';

describe('ModerationCase model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;
  const fields = (extra: Record<string, unknown> = {}) => ({
    communityId: new Types.ObjectId(),
    channelId: new Types.ObjectId(),
    messageId: new Types.ObjectId(),
    authorId: 'ann',
    source: 'report' as const,
    flags: [{ by: 'bob', reason: 'spam', at: new Date() }],
    ...extra,
  });

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await moderationCaseModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('opens one case per message, with its defaults and indexes', async () => {
    const Case = moderationCaseModel(connection);
    const first = fields();
    const stored = await Case.create(first);
    expect(stored.toObject()).toMatchObject({
      status: 'open',
      scores: '{}',
      claimedBy: null,
      claimedAt: null,
      decision: null,
      appeal: null,
      flags: [{ by: 'bob', reason: 'spam' }],
    });
    expect(stored.createdAt).toBeInstanceOf(Date);
    await expect(Case.create(fields({ messageId: first.messageId }))).rejects.toMatchObject({ code: 11000 });
    const indexes = await Case.listIndexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { messageId: 1 }, unique: true }));
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, status: 1, createdAt: -1, _id: -1 } }),
    );
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, authorId: 1, createdAt: -1 } }),
    );
  });

  it('stores a decision and an appeal as subdocuments', async () => {
    const Case = moderationCaseModel(connection);
    const at = new Date();
    const stored = await Case.create(
      fields({
        status: 'resolved',
        decision: { action: 'timeout', reason: 'flooding', by: 'mod', at, durationS: 600 },
        appeal: { by: 'ann', reason: 'it was a joke', at },
      }),
    );
    expect(stored.toObject()).toMatchObject({
      decision: { action: 'timeout', durationS: 600 },
      appeal: { status: 'open', decidedBy: null, decidedAt: null, decisionReason: '', effect: 'none' },
    });
    const warned = await Case.create(fields({ decision: { action: 'warn', reason: 'x', by: 'mod', at } }));
    expect(warned.decision).toMatchObject({ action: 'warn', durationS: null });
  });

  it('enforces the schema', async () => {
    const Case = moderationCaseModel(connection);
    const at = new Date();
    const cases: [RegExp, Record<string, unknown>][] = [
      [/source/, { source: 'rumour' }],
      [/status/, { status: 'closed' }],
      [/authorId/, { authorId: 'a b' }],
      [/flags.0.by/, { flags: [{ by: { $ne: null }, at }] }],
      [/reason/, { flags: [{ by: 'bob', reason: 'r'.repeat(513), at }] }],
      [/decision.action/, { decision: { action: 'shame', reason: 'x', by: 'mod', at } }],
      [/decision.reason/, { decision: { action: 'warn', reason: '', by: 'mod', at } }],
      [/decision.durationS/, { decision: { action: 'timeout', reason: 'x', by: 'mod', at, durationS: 0 } }],
      [/decision.durationS/, { decision: { action: 'timeout', reason: 'x', by: 'mod', at, durationS: 1.5 } }],
      [/appeal.status/, { appeal: { by: 'ann', reason: 'x', at, status: 'pending' } }],
      [/scores/, { scores: { toxic: 0.9 } }],
      [/weird/, { weird: true }],
    ];
    for (const [error, extra] of cases) {
      await expect(Case.create(fields(extra)), String(error)).rejects.toThrow(error);
    }
  });
});
