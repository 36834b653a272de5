import { describe, expect, it } from 'vitest';
import type { ApiLiveSession, LivePoll, LiveQuestion } from './live-api.js';
import {
  mergePoll,
  mergeQuestions,
  parseStateMessage,
  pickSession,
  pollPercents,
  sortQuestions,
} from './live-logic.js';

const q = (id: string, over: Partial<LiveQuestion> = {}): LiveQuestion => ({
  id,
  authorId: 'ann',
  authorName: 'Ann',
  text: `question ${id}`,
  createdAt: 0,
  status: 'open',
  upvotes: 0,
  ...over,
});

const poll = (over: Partial<LivePoll> = {}): LivePoll => ({
  id: 'p1',
  question: 'Gas or heat pump?',
  options: ['Gas', 'Heat pump'],
  multiple: false,
  status: 'open',
  createdAt: 1,
  createdBy: 'host',
  counts: [0, 0],
  voters: 0,
  ...over,
});

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('live-session rules', () => {
  it('sorts the Q&A as the hub does: open by upvotes then age, answered, held, dismissed', () => {
    const sorted = sortQuestions([
      q('dismissed', { status: 'dismissed', upvotes: 9 }),
      q('answered', { status: 'answered', upvotes: 5 }),
      q('young', { createdAt: 20, upvotes: 2 }),
      q('old', { createdAt: 10, upvotes: 2 }),
      q('top', { createdAt: 30, upvotes: 3 }),
      q('held', { status: 'held' }),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['top', 'old', 'young', 'answered', 'held', 'dismissed']);
  });

  it('reads the hub’s data messages and ignores anything else', () => {
    expect(
      parseStateMessage(encode({ kind: 'stage', hands: [], speakers: [], hosts: ['h'], onAir: [] })),
    ).toMatchObject({ kind: 'stage', hosts: ['h'] });
    expect(parseStateMessage(encode({ kind: 'questions', items: [] }))).toEqual({
      kind: 'questions',
      items: [],
    });
    expect(parseStateMessage(encode({ kind: 'reactions', second: 5, counts: { '👏': 2 } }))).toMatchObject({
      counts: { '👏': 2 },
    });
    expect(parseStateMessage(encode({ kind: 'questions', items: 'nope' }))).toBeNull();
    expect(parseStateMessage(encode({ kind: 'chat', text: 'hi' }))).toBeNull();
    expect(parseStateMessage(new TextEncoder().encode('not json'))).toBeNull();
  });

  it('keeps what only this member knows when a broadcast replaces the Q&A', () => {
    const mine = q('held-mine', { status: 'held', authorId: 'me' });
    const merged = mergeQuestions(
      [q('a', { upvotes: 1 }), q('b', { upvotes: 4 })],
      [mine, q('a')],
      new Set(['a']),
      'me',
    );
    expect(merged.map((x) => [x.id, x.youUpvoted])).toEqual([
      ['b', false],
      ['a', true],
      ['held-mine', undefined],
    ]);
  });

  it('keeps the member’s choices when a poll broadcast (which has none) arrives', () => {
    const mine = poll({ yourChoices: [1], counts: [0, 1], voters: 1 });
    const [updated] = mergePoll([mine], poll({ counts: [2, 1], voters: 3 }));
    expect(updated).toMatchObject({ counts: [2, 1], voters: 3, yourChoices: [1] });
    const added = mergePoll([mine], poll({ id: 'p2' }));
    expect(added.map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(added[0]?.yourChoices).toBeUndefined();
    expect(pollPercents(poll({ counts: [1, 2], voters: 3 }))).toEqual([33, 67]);
    expect(pollPercents(poll())).toEqual([0, 0]);
  });

  it('picks the live session of a community, else the scheduled one nearest now', () => {
    const s = (id: string, status: ApiLiveSession['status'], startsAt: string) =>
      ({ id, status, startsAt }) as ApiLiveSession;
    const now = Date.parse('2026-11-22T12:00:00Z');
    const items = [
      s('past', 'ended', '2026-11-22T10:00:00Z'),
      s('later', 'scheduled', '2026-11-25T10:00:00Z'),
      s('soon', 'scheduled', '2026-11-22T13:00:00Z'),
    ];
    expect(pickSession(items, now)?.id).toBe('soon');
    expect(pickSession([...items, s('now', 'live', '2026-11-22T11:00:00Z')], now)?.id).toBe('now');
    expect(pickSession([items[0] as ApiLiveSession], now)).toBeUndefined();
  });
});
