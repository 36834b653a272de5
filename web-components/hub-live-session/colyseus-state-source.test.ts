import { describe, expect, it } from 'vitest';
import {
  changedParts,
  ColyseusStateSource,
  snapshotFromRoom,
  type RoomLike,
  type RoomStateLike,
} from './colyseus-state-source.js';
import type { LiveApi, LivePoll, LiveQuestion, RoomSeat } from './live-api.js';
import { MemberBits } from './local-changes.js';
import type { LiveSnapshot } from './state-source.js';

/** The room's schema state as the SDK decodes it: Maps for MapSchema, arrays for ArraySchema. */
function roomState(over: Partial<RoomStateLike> = {}): RoomStateLike {
  return {
    status: 'live',
    participants: new Map([
      ['s1', { userId: 'host', name: 'Host', role: 'host' }],
      ['s2', { userId: 'ann', name: 'Ann', role: 'audience' }],
      // Ann's second tab: one member.
      ['s3', { userId: 'ann', name: 'Ann', role: 'audience' }],
    ]),
    hands: [{ userId: 'ann', raisedAt: 5 }],
    hosts: ['host'],
    speakers: ['bob'],
    onAir: ['host'],
    questions: [
      { id: 'q1', authorId: 'bob', authorName: 'Bob', text: 'one', status: 'open', upvotes: 1, createdAt: 1 },
      { id: 'q2', authorId: 'cy', authorName: 'Cy', text: 'two', status: 'open', upvotes: 3, createdAt: 2 },
      {
        id: 'q3',
        authorId: 'cy',
        authorName: 'Cy',
        text: 'done',
        status: 'answered',
        upvotes: 9,
        createdAt: 0,
      },
    ],
    polls: new Map([
      [
        'p1',
        {
          id: 'p1',
          question: 'Old?',
          options: ['a', 'b'],
          counts: [2, 1],
          multiple: false,
          status: 'closed',
          voters: 3,
          createdAt: 1,
          closedAt: 4,
          createdBy: 'host',
        },
      ],
      [
        'p2',
        {
          id: 'p2',
          question: 'New?',
          options: ['x', 'y', 'z'],
          counts: [0, 1, 0],
          multiple: true,
          status: 'open',
          voters: 1,
          createdAt: 2,
          closedAt: 0,
          createdBy: 'host',
        },
      ],
    ]),
    reactions: new Map([['👏', 3]]),
    reactionsSecond: 100,
    ...over,
  };
}

const empty = (over: Partial<LiveSnapshot> = {}): LiveSnapshot => ({
  stage: { hands: [], speakers: [], hosts: [], onAir: [] },
  questions: [],
  polls: [],
  reactions: null,
  loaded: true,
  ...over,
});
const question = (id: string, over: Partial<LiveQuestion> = {}): LiveQuestion => ({
  id,
  authorId: 'ann',
  authorName: 'Ann',
  text: id,
  createdAt: 5,
  status: 'held',
  upvotes: 0,
  ...over,
});

describe('snapshotFromRoom', () => {
  it('maps the stage, Q&A, polls, reactions, members and status, with the member’s own bits', () => {
    const bits = new MemberBits();
    bits.learn({ questions: [{ id: 'q1', youUpvoted: true }], polls: [{ id: 'p2', yourChoices: [1] }] });
    const s = snapshotFromRoom(roomState(), empty(), bits, 1_000);
    expect(s.stage).toEqual({
      hands: [{ userId: 'ann', raisedAt: 5 }],
      speakers: ['bob'],
      hosts: ['host'],
      onAir: ['host'],
    });
    expect(s.questions.map((q) => [q.id, q.status, q.youUpvoted])).toEqual([
      ['q2', 'open', false],
      ['q1', 'open', true],
      ['q3', 'answered', false],
    ]);
    expect(s.polls.map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(s.polls[0]).toEqual<LivePoll>({
      id: 'p2',
      question: 'New?',
      options: ['x', 'y', 'z'],
      multiple: true,
      status: 'open',
      createdAt: 2,
      createdBy: 'host',
      counts: [0, 1, 0],
      voters: 1,
      yourChoices: [1],
    });
    expect(s.polls[1]).toMatchObject({ status: 'closed', closedAt: 4 });
    expect(s.polls[1]).not.toHaveProperty('yourChoices');
    expect(s.reactions).toEqual({ second: 100, counts: { '👏': 3 }, receivedAt: 1_000 });
    expect(s.members).toEqual([
      { userId: 'host', name: 'Host', role: 'host' },
      { userId: 'ann', name: 'Ann', role: 'audience' },
    ]);
    expect(s.status).toBe('live');
  });

  it('keeps the questions the room leaves out (held, dismissed) until the room carries them', () => {
    const previous = empty({
      questions: [
        question('mine'),
        question('gone', { status: 'dismissed' }),
        question('q1', { status: 'held' }),
      ],
    });
    const s = snapshotFromRoom(roomState(), previous, new MemberBits());
    // q1 was held and is now open in the room: the room's copy wins.
    expect(s.questions.map((q) => [q.id, q.status])).toEqual([
      ['q2', 'open'],
      ['q1', 'open'],
      ['q3', 'answered'],
      ['mine', 'held'],
      ['gone', 'dismissed'],
    ]);
    // An open question the room no longer has (dismissed by a host) is not kept.
    const later = snapshotFromRoom(roomState({ questions: [] }), s, new MemberBits());
    expect(later.questions.map((q) => q.id)).toEqual(['mine', 'gone']);
  });

  it('takes a host’s held and dismissed questions from the room’s hosts-only part, live', () => {
    const held = {
      ...question('h1'),
      authorName: 'Ann',
      heldFor: 'shouting',
    };
    // The previous snapshot's hidden question is gone: the hosts' part is the whole truth.
    const previous = empty({ questions: [question('old-held')] });
    const s = snapshotFromRoom(roomState({ hostQuestions: [held] }), previous, new MemberBits());
    expect(s.questions.map((q) => [q.id, q.status])).toEqual([
      ['q2', 'open'],
      ['q1', 'open'],
      ['q3', 'answered'],
      ['h1', 'held'],
    ]);
    expect(s.questions[3]).toMatchObject({ heldFor: 'shouting' });
    // A host releases it: the room moves it from the hosts' part to the shared questions.
    const released = snapshotFromRoom(
      roomState({
        hostQuestions: [],
        questions: [{ ...held, status: 'open', heldFor: '' }],
      }),
      s,
      new MemberBits(),
    );
    expect(released.questions.map((q) => [q.id, q.status])).toEqual([['h1', 'open']]);
    expect(released.questions[0]).not.toHaveProperty('heldFor');
  });

  it('keeps a second’s reactions as they arrived, and has none before the first', () => {
    const first = snapshotFromRoom(roomState(), empty(), new MemberBits(), 1_000);
    const same = snapshotFromRoom(roomState({ hands: [] }), first, new MemberBits(), 2_000);
    expect(same.reactions?.receivedAt).toBe(1_000);
    const next = snapshotFromRoom(roomState({ reactionsSecond: 101 }), same, new MemberBits(), 3_000);
    expect(next.reactions).toMatchObject({ second: 101, receivedAt: 3_000 });
    expect(
      snapshotFromRoom(roomState({ reactionsSecond: 0 }), empty(), new MemberBits()).reactions,
    ).toBeNull();
  });

  it('reads a state whose fields have not arrived yet as empty', () => {
    const s = snapshotFromRoom({}, empty(), new MemberBits());
    expect(s).toMatchObject({ stage: { hands: [], speakers: [] }, questions: [], polls: [], members: [] });
    expect(s).not.toHaveProperty('status');
  });
});

describe('changedParts', () => {
  it('names each part that differs, all of them the first time', () => {
    const a = snapshotFromRoom(roomState(), empty(), new MemberBits(), 1);
    expect(changedParts(undefined, a)).toEqual(['stage', 'questions', 'poll', 'reactions', 'members']);
    const b = snapshotFromRoom(roomState({ hands: [], status: 'ended' }), a, new MemberBits(), 1);
    expect(changedParts(a, b)).toEqual(['stage', 'members']);
    expect(changedParts(b, b)).toEqual([]);
  });
});

/** An SDK room double: the test sets its state and fires its events. */
class FakeRoom implements RoomLike {
  state: RoomStateLike = roomState();
  reconnection = { enabled: true };
  left = false;
  private stateListeners: ((s: unknown) => void)[] = [];
  private leaveListeners: ((code: number) => void)[] = [];
  onStateChange(cb: (s: unknown) => void) {
    this.stateListeners.push(cb);
  }
  onLeave(cb: (code: number) => void) {
    this.leaveListeners.push(cb);
  }
  leave() {
    this.left = true;
    return Promise.resolve(4000);
  }
  patch(over: Partial<RoomStateLike>) {
    this.state = { ...this.state, ...over };
    for (const cb of this.stateListeners) cb(this.state);
  }
  drop() {
    for (const cb of this.leaveListeners) cb(1006);
  }
}

function fakeApi() {
  const calls: string[] = [];
  const api = {
    roomSeat: () => {
      calls.push('seat');
      return Promise.resolve({
        role: 'audience',
        reservation: { name: 'live_session', sessionId: 's', roomId: 'r' },
      });
    },
    questions: () => (calls.push('questions'), Promise.resolve([question('mine')])),
    polls: () => (calls.push('polls'), Promise.resolve([] as LivePoll[])),
  } satisfies Pick<LiveApi, 'roomSeat' | 'questions' | 'polls'>;
  return { api, calls };
}

describe('ColyseusStateSource', () => {
  it('takes a seat, follows the room’s patches, and takes a new seat when the room drops', async () => {
    const rooms: FakeRoom[] = [];
    const connect = (_endpoint: string, _seat: RoomSeat) => {
      const room = new FakeRoom();
      rooms.push(room);
      setTimeout(() => room.patch({}), 0);
      return Promise.resolve(room);
    };
    const { api, calls } = fakeApi();
    const source = await ColyseusStateSource.open(api, 'http://hub', connect);
    expect(rooms[0]?.reconnection.enabled).toBe(false);
    const changes: string[] = [];
    source.subscribe((_s, change) => changes.push(change));
    await source.refresh();
    expect(source.kind).toBe('colyseus');
    expect(source.snapshot().questions.map((q) => q.id)).toEqual(['q2', 'q1', 'q3', 'mine']);

    rooms[0]?.patch({ hands: [] });
    expect(source.snapshot().stage.hands).toEqual([]);
    // The member's own change shows at once, and stays until the room changes that part.
    source.record({ kind: 'upvote', questionId: 'q1', upvotes: 5, youUpvoted: true });
    rooms[0]?.patch({ reactionsSecond: 200 });
    expect(source.snapshot().questions[0]).toMatchObject({ id: 'q1', upvotes: 5, youUpvoted: true });
    expect(changes).toEqual(['loaded', 'stage', 'questions', 'reactions']);

    rooms[0]?.drop();
    await new Promise((r) => setTimeout(r, 1_100));
    expect(rooms).toHaveLength(2);
    expect(calls.filter((c) => c === 'seat')).toHaveLength(2);
    // The new room's state, and the REST read again for the member's bits.
    expect(calls.filter((c) => c === 'questions')).toHaveLength(2);
    source.close();
    expect(rooms[1]?.left).toBe(true);
  });

  it('does not wait for a state that came with the seat', async () => {
    const room = new FakeRoom();
    room.state = { ...roomState(), sessionId: 'session-1' };
    const { api } = fakeApi();
    const source = await ColyseusStateSource.open(api, 'http://hub', () => Promise.resolve(room));
    await source.refresh();
    expect(source.snapshot().stage.hands).toEqual([{ userId: 'ann', raisedAt: 5 }]);
    source.close();
  });

  it('takes no new seat once the session ended', async () => {
    const room = new FakeRoom();
    setTimeout(() => room.patch({}), 0);
    const { api, calls } = fakeApi();
    const source = await ColyseusStateSource.open(api, 'http://hub', () => Promise.resolve(room));
    await source.refresh();
    room.patch({ status: 'ended' });
    room.drop();
    await new Promise((r) => setTimeout(r, 1_100));
    expect(calls.filter((c) => c === 'seat')).toHaveLength(1);
    source.close();
  });
});
