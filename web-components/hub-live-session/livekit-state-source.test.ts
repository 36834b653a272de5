import { describe, expect, it } from 'vitest';
import type { Room } from 'livekit-client';
import type { LiveApi, LivePoll, LiveQuestion, StageState } from './live-api.js';
import { STATE_TOPIC } from './live-logic.js';
import { LiveKitStateSource } from './livekit-state-source.js';

/** The room's data events, as livekit-client emits them (payload, participant, kind, topic). */
class FakeRoom {
  private listeners = new Set<(...args: unknown[]) => void>();
  on(_event: string, fn: (...args: unknown[]) => void) {
    this.listeners.add(fn);
    return this;
  }
  off(_event: string, fn: (...args: unknown[]) => void) {
    this.listeners.delete(fn);
    return this;
  }
  send(message: unknown, topic = STATE_TOPIC) {
    const payload = new TextEncoder().encode(JSON.stringify(message));
    for (const fn of this.listeners) fn(payload, undefined, 0, topic);
  }
  get count() {
    return this.listeners.size;
  }
}

const question = (id: string, over: Partial<LiveQuestion> = {}): LiveQuestion => ({
  id,
  authorId: 'bob',
  authorName: 'Bob',
  text: id,
  createdAt: 1,
  status: 'open',
  upvotes: 0,
  ...over,
});
const poll = (id: string, over: Partial<LivePoll> = {}): LivePoll => ({
  id,
  question: id,
  options: ['a', 'b'],
  multiple: false,
  status: 'open',
  createdAt: 1,
  createdBy: 'host',
  counts: [0, 0],
  voters: 0,
  ...over,
});
const stage: StageState = { hands: [], speakers: [], hosts: ['host'], onAir: [] };

function fakeApi(overrides: Partial<Record<'stage' | 'questions' | 'polls', () => Promise<unknown>>> = {}) {
  const calls: string[] = [];
  const api = {
    stage: () => (calls.push('stage'), overrides.stage?.() ?? Promise.resolve(stage)),
    questions: () => (
      calls.push('questions'),
      overrides.questions?.() ?? Promise.resolve([question('q1', { youUpvoted: true })])
    ),
    polls: () => (
      calls.push('polls'),
      overrides.polls?.() ?? Promise.resolve([poll('p1', { yourChoices: [0] })])
    ),
  } as unknown as LiveApi;
  return { api, calls };
}

describe('LiveKitStateSource', () => {
  it('reads the REST snapshot, then follows the hub’s data messages (and nothing else)', async () => {
    const room = new FakeRoom();
    const { api } = fakeApi();
    const source = new LiveKitStateSource(api, room as unknown as Room, { id: 'ann', host: false });
    const changes: string[] = [];
    source.subscribe((_s, change) => changes.push(change));
    await source.refresh();
    expect(source.snapshot()).toMatchObject({ loaded: true, stage, polls: [{ id: 'p1' }] });

    room.send({
      kind: 'stage',
      hands: [{ userId: 'ann', raisedAt: 5 }],
      speakers: [],
      hosts: ['host'],
      onAir: [],
    });
    expect(source.snapshot().stage.hands).toEqual([{ userId: 'ann', raisedAt: 5 }]);
    // A broadcast carries no per-member fields: the member's upvote and choices are kept.
    room.send({ kind: 'questions', items: [question('q2', { upvotes: 3 }), question('q1', { upvotes: 1 })] });
    expect(source.snapshot().questions.map((q) => [q.id, q.youUpvoted])).toEqual([
      ['q2', false],
      ['q1', true],
    ]);
    room.send({ kind: 'poll', poll: poll('p1', { counts: [4, 1], voters: 5 }) });
    expect(source.snapshot().polls[0]).toMatchObject({ counts: [4, 1], yourChoices: [0] });
    room.send({ kind: 'reactions', second: 9, counts: { '👏': 2 } });
    expect(source.snapshot().reactions).toMatchObject({ second: 9, counts: { '👏': 2 } });
    room.send({ kind: 'stage', hands: [], speakers: [], hosts: [], onAir: [] }, 'someone-elses-topic');
    room.send({ kind: 'unknown' });
    expect(source.snapshot().stage.hands).toHaveLength(1);
    expect(changes).toEqual(['loaded', 'stage', 'questions', 'poll', 'reactions']);

    source.close();
    expect(room.count).toBe(0);
  });

  it('keeps what a data message brought while the REST read was in flight', async () => {
    const room = new FakeRoom();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const { api } = fakeApi({
      stage: () => slow.then(() => stage),
      polls: () => slow.then(() => [poll('p1')]),
    });
    const source = new LiveKitStateSource(api, room as unknown as Room, { id: 'ann', host: false });
    const loading = source.refresh();
    room.send({
      kind: 'stage',
      hands: [{ userId: 'bob', raisedAt: 7 }],
      speakers: [],
      hosts: ['host'],
      onAir: [],
    });
    room.send({ kind: 'poll', poll: poll('p2', { createdAt: 2 }) });
    release();
    await loading;
    expect(source.snapshot().stage.hands).toEqual([{ userId: 'bob', raisedAt: 7 }]);
    expect(source.snapshot().polls.map((p) => p.id)).toEqual(['p2', 'p1']);
  });

  it('reads the Q&A again for hosts, who also see held and dismissed questions', async () => {
    const room = new FakeRoom();
    const { api, calls } = fakeApi({
      questions: () => Promise.resolve([question('q1'), question('held', { status: 'held' })]),
    });
    const source = new LiveKitStateSource(api, room as unknown as Room, { id: 'host', host: true });
    await source.refresh();
    room.send({ kind: 'questions', items: [question('q1')] });
    room.send({ kind: 'questions', items: [question('q1')] });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.filter((c) => c === 'questions')).toHaveLength(2);
    expect(source.snapshot().questions.map((q) => q.id)).toEqual(['q1', 'held']);
  });

  it('shows the member’s own changes at once', async () => {
    const room = new FakeRoom();
    const { api } = fakeApi({ questions: () => Promise.resolve([question('q1'), question('q2')]) });
    const source = new LiveKitStateSource(api, room as unknown as Room, { id: 'ann', host: false });
    await source.refresh();
    source.record({ kind: 'upvote', questionId: 'q2', upvotes: 1, youUpvoted: true });
    expect(source.snapshot().questions[0]).toMatchObject({ id: 'q2', upvotes: 1, youUpvoted: true });
    source.record({ kind: 'question', question: question('mine', { authorId: 'ann', status: 'held' }) });
    expect(source.snapshot().questions.map((q) => q.id)).toEqual(['q2', 'q1', 'mine']);
    // The broadcast leaves held questions out; the member still sees their own.
    room.send({ kind: 'questions', items: [question('q1')] });
    expect(source.snapshot().questions.map((q) => q.id)).toEqual(['q1', 'mine']);
    source.record({ kind: 'poll', poll: poll('p9', { yourChoices: [1] }) });
    expect(source.snapshot().polls[0]).toMatchObject({ id: 'p9', yourChoices: [1] });
  });
});
