import { describe, expect, it } from 'vitest';
import { compareQuestions, type RankedQuestion } from './qa.js';

const q = (
  id: string,
  status: RankedQuestion['status'],
  upvotes: number,
  createdAt: number,
): RankedQuestion => ({
  id,
  authorId: 'u',
  authorName: 'U',
  text: id,
  status,
  upvotes,
  createdAt,
});

describe('question order', () => {
  it('puts open questions first by upvotes then age, then answered, held, dismissed', () => {
    const list = [
      q('dismissed', 'dismissed', 50, 1),
      q('answered-top', 'answered', 40, 1),
      q('open-new', 'open', 3, 30),
      q('held', 'held', 0, 1),
      q('open-old', 'open', 3, 10),
      q('open-top', 'open', 9, 20),
      q('answered-low', 'answered', 1, 1),
    ];
    expect(list.sort(compareQuestions).map((x) => x.id)).toEqual([
      'open-top',
      'open-old',
      'open-new',
      'answered-top',
      'answered-low',
      'held',
      'dismissed',
    ]);
  });
});
