import { describe, expect, it } from 'vitest';
import { I18n } from '../shared/i18n/i18n.js';
import '../shared/i18n/live.js';
import type { LivePoll, LiveQuestion } from './live-api.js';
import { LiveNews } from './live-news.js';
import type { LiveSnapshot } from './state-source.js';

const i18n = new I18n('en');
const snapshot = (over: Partial<LiveSnapshot> = {}): LiveSnapshot => ({
  stage: { hands: [], speakers: [], hosts: ['host'], onAir: [] },
  questions: [],
  polls: [],
  reactions: null,
  loaded: true,
  ...over,
});
const question = (id: string, authorId: string): LiveQuestion => ({
  id,
  authorId,
  authorName: `Name ${authorId}`,
  text: id,
  createdAt: 0,
  status: 'open',
  upvotes: 0,
});
const poll = (id: string, createdBy: string, status: 'open' | 'closed' = 'open'): LivePoll => ({
  id,
  question: `Poll ${id}?`,
  options: ['a', 'b'],
  multiple: false,
  status,
  createdAt: 0,
  createdBy,
  counts: [0, 0],
  voters: 0,
});

describe('LiveNews', () => {
  it('tells hosts of new hands and questions from others, once each; the first load is not news', () => {
    const news = new LiveNews('host', true);
    expect(news.read(snapshot({ questions: [question('old', 'ann')] }), 'loaded', i18n)).toEqual([]);
    const hand = { userId: 'ann', raisedAt: 1 };
    expect(
      news.read(snapshot({ stage: { hands: [hand], speakers: [], hosts: [], onAir: [] } }), 'stage', i18n),
    ).toEqual(['Raised hands (1)']);
    expect(
      news.read(snapshot({ stage: { hands: [], speakers: ['ann'], hosts: [], onAir: [] } }), 'stage', i18n),
    ).toEqual([]);
    const qs = [question('old', 'ann'), question('new', 'bob'), question('mine', 'host')];
    expect(news.read(snapshot({ questions: qs }), 'questions', i18n)).toEqual(['New question from Name bob']);
    expect(news.read(snapshot({ questions: qs }), 'questions', i18n)).toEqual([]);
    // A later full read (hosts re-read) may bring news too: a question AutoMod held.
    const held = { ...question('held', 'bob'), status: 'held' as const };
    expect(news.read(snapshot({ questions: [...qs, held] }), 'loaded', i18n)).toEqual([
      'New question from Name bob',
    ]);
  });

  it('tells everyone of a poll someone else opened, once; members hear nothing of hands or questions', () => {
    const news = new LiveNews('ann', false);
    news.read(snapshot(), 'loaded', i18n);
    const hand = { userId: 'bob', raisedAt: 1 };
    expect(
      news.read(
        snapshot({
          stage: { hands: [hand], speakers: [], hosts: [], onAir: [] },
          questions: [question('q', 'bob')],
          polls: [poll('p1', 'host'), poll('p0', 'host', 'closed')],
        }),
        'poll',
        i18n,
      ),
    ).toEqual(['New poll: Poll p1?']);
    expect(news.read(snapshot({ polls: [poll('p1', 'host')] }), 'poll', i18n)).toEqual([]);
  });
});
