import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/support/database.js';
import type { MongoConnection } from '../mongo.js';
import {
  eraseScoringDecisions,
  getScoringDecision,
  pruneScoringDecisions,
  markDecisionDone,
  recordDecision,
  takeDecisionLease,
  type NewScoringDecision,
} from './scoring-decisions.js';

describe('scoring decisions', () => {
  let connection: MongoConnection;
  useTestDatabase((c) => (connection = c));
  const decision = (action: NewScoringDecision['action'] = 'flag'): NewScoringDecision => ({
    messageId: new Types.ObjectId(),
    communityId: new Types.ObjectId(),
    channelId: new Types.ObjectId(),
    authorId: 'bob',
    action,
    risk: 0.7,
    scores: '{"risk":0.7}',
    summary: 'risk 0.70',
    modelVersion: 0,
  });

  it('records one decision per message: a second record returns the first', async () => {
    const first = decision();
    expect((await recordDecision(connection, first, 60_000)).recorded).toBe(true);
    const second = await recordDecision(connection, { ...first, action: 'hide', risk: 0.95 }, 60_000);
    expect(second.recorded).toBe(false);
    expect(second.decision).toMatchObject({ action: 'flag', risk: 0.7, status: 'recorded' });
  });

  it('records an allowed message done at once', async () => {
    const allowed = decision('allow');
    expect((await recordDecision(connection, allowed, 60_000)).decision.status).toBe('done');
  });

  it('lets another worker take an unfinished decision over only once its lease ran out', async () => {
    const held = decision();
    await recordDecision(connection, held, 60_000);
    expect(await takeDecisionLease(connection, held.messageId, 60_000)).toBe(false);
    const lapsed = decision();
    await recordDecision(connection, lapsed, 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await takeDecisionLease(connection, lapsed.messageId, 60_000)).toBe(true);
    expect(await takeDecisionLease(connection, lapsed.messageId, 60_000)).toBe(false);
    await markDecisionDone(connection, lapsed.messageId);
    expect(await getScoringDecision(connection, lapsed.messageId)).toMatchObject({ status: 'done' });
    expect(await takeDecisionLease(connection, lapsed.messageId, 0)).toBe(false);
  });

  it('erases an author’s decisions', async () => {
    const mine = { ...decision(), authorId: 'gone' };
    await recordDecision(connection, mine, 1);
    expect(await eraseScoringDecisions(connection, 'gone')).toBe(1);
    expect(await getScoringDecision(connection, mine.messageId)).toBeNull();
  });

  it('prunes finished decisions older than the cut-off, never unfinished ones', async () => {
    const done = decision('allow');
    const open = decision('flag');
    await recordDecision(connection, done, 1);
    await recordDecision(connection, open, 1);
    expect(await pruneScoringDecisions(connection, new Date(Date.now() - 60_000))).toBe(0);
    await pruneScoringDecisions(connection, new Date(Date.now() + 1_000));
    expect(await getScoringDecision(connection, done.messageId)).toBeNull();
    expect(await getScoringDecision(connection, open.messageId)).toMatchObject({ status: 'recorded' });
  });
});
