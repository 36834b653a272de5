// What a scoring job carries: chunks bounded by count and by text, and the messages a worker may
// take from its data (all of those it names, well formed; else it reads them by id).
import { describe, expect, it } from 'vitest';
import {
  messagesOf,
  SCORING_BATCH_MAX,
  SCORING_JOB_MAX_TEXT,
  scoringJobsFor,
  type ScoringInput,
} from './scoring-job.js';

const hex = (n: number) => n.toString(16).padStart(24, '0');
const input = (n: number, body = 'hi'): ScoringInput => ({
  id: hex(n),
  communityId: hex(1_000_000),
  channelId: hex(2_000_000),
  authorId: 'bob',
  body,
});

describe('scoring jobs', () => {
  it('splits a batch past SCORING_BATCH_MAX messages, and past SCORING_JOB_MAX_TEXT of text', () => {
    const many = Array.from({ length: SCORING_BATCH_MAX + 1 }, (_, i) => input(i));
    expect(scoringJobsFor(many).map((j) => j.messageIds.length)).toEqual([SCORING_BATCH_MAX, 1]);
    const long = 'x'.repeat(SCORING_JOB_MAX_TEXT / 2);
    const jobs = scoringJobsFor([input(1, long), input(2, long), input(3, 'short'), input(4, long)]);
    expect(jobs.map((j) => j.messageIds)).toEqual([
      [hex(1), hex(2)],
      [hex(3), hex(4)],
    ]);
    expect(jobs.every((j) => j.messages?.map((m) => m.id).join() === j.messageIds.join())).toBe(true);
    // One message longer than the bound still gets a job of its own.
    expect(scoringJobsFor([input(5, 'x'.repeat(SCORING_JOB_MAX_TEXT + 1))])).toHaveLength(1);
  });

  it('takes the carried messages only when all those named are there and well formed', () => {
    const [a, b] = [input(1), input(2)];
    expect(messagesOf({ messageIds: [a.id, b.id], messages: [a, b] })).toEqual([a, b]);
    expect(messagesOf({ messageIds: [a.id, b.id], messages: [a] })).toBeUndefined();
    expect(messagesOf({ messageIds: [a.id], messages: [{ ...a, communityId: 'x' }] })).toBeUndefined();
    expect(messagesOf({ messageIds: [a.id] })).toBeUndefined(); // a sweep's job
    expect(messagesOf(null)).toBeUndefined();
  });
});
