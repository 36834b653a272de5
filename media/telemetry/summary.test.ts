// The hosts' summary from what a session saved when it ended: the average audience is the total
// watch time over the live time; the Q&A's outcome, polls oldest first, reactions summed from
// their minutes; a session saved before reactions were kept, or ended before going live, reads
// as zeros rather than failing.
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { SessionDoc } from '../sessions/access.js';
import { sessionSummary } from './summary.js';

const base = {
  _id: new Types.ObjectId(),
  title: 'Boiler clinic',
  status: 'ended',
} as unknown as SessionDoc;

const poll = (id: string, createdAt: number) => ({
  id,
  question: `${id}?`,
  options: ['a', 'b'],
  multiple: false,
  status: 'closed',
  createdAt,
  createdBy: 'host',
  counts: [2, 1],
  voters: 3,
});

describe('sessionSummary', () => {
  it('computes the average audience, the Q&A outcome, polls and reactions over time', () => {
    const startedAt = new Date('2026-12-07T10:00:00Z');
    const session = {
      ...base,
      startedAt,
      endedAt: new Date('2026-12-07T10:10:00Z'),
      summary: {
        peakParticipants: 4,
        joins: 6,
        // 600 s live, 1,500 s watched in all: 2.5 people on average.
        totalWatchS: 1_500,
        averageWatchS: 250,
        handRaises: 2,
        questions: 3,
        pollVoters: 3,
        reactionsByMinute: [
          { at: new Date('2026-12-07T10:01:00Z'), counts: { '👏': 3 } },
          { at: new Date('2026-12-07T10:02:00Z'), counts: { '👏': 1, '🔥': 2 } },
        ],
      },
      results: {
        questions: [
          { id: 'q1', status: 'answered' },
          { id: 'q2', status: 'open' },
          { id: 'q3', status: 'held' },
        ],
        polls: [poll('later', 20), poll('first', 10)],
      },
    } as unknown as SessionDoc;
    const s = sessionSummary(session);
    expect(s).toMatchObject({
      startedAt: '2026-12-07T10:00:00.000Z',
      durationS: 600,
      audience: { peak: 4, average: 2.5, joins: 6 },
      watch: { totalS: 1_500, averageS: 250 },
      handRaises: 2,
      questions: { asked: 3, answered: 1, open: 1, dismissed: 0, held: 1 },
      reactions: { total: 6, byEmoji: { '👏': 4, '🔥': 2 } },
    });
    expect(s.polls.map((p) => p.id)).toEqual(['first', 'later']);
    expect(s.reactions.byMinute).toEqual([
      { at: '2026-12-07T10:01:00.000Z', counts: { '👏': 3 } },
      { at: '2026-12-07T10:02:00.000Z', counts: { '👏': 1, '🔥': 2 } },
    ]);
  });

  it('reads a session ended before going live, with nothing saved, as zeros', () => {
    const session = { ...base, startedAt: null, endedAt: new Date(0), summary: null, results: null };
    const s = sessionSummary(session as unknown as SessionDoc);
    expect(s).toMatchObject({
      startedAt: null,
      durationS: 0,
      audience: { peak: 0, average: 0, joins: 0 },
      questions: { asked: 0 },
      polls: [],
      reactions: { total: 0, byEmoji: {}, byMinute: [] },
    });
  });
});
