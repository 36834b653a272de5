// The room's schema follows the live state's updates: stage and roles, Q&A order (held and
// dismissed questions only in the hosts' view, which only a host's StateView encodes), poll
// results, reactions and the status; an update that changes nothing leaves the state as it was.
import { Encoder, Reflection, StateView, type Decoder } from '@colyseus/schema';
import { describe, expect, it } from 'vitest';
import type { LiveQuestion } from '../../protocol/index.js';
import { HOSTS_VIEW, RoomParticipant, type LiveSessionState } from './room-state.js';
import { applyUpdate, seedState, type LiveSnapshot } from './room-sync.js';

const snapshot: LiveSnapshot = {
  sessionId: 's1',
  title: 'Office hours',
  status: 'live',
  capacity: 50,
  stage: { hands: [{ userId: 'ann', raisedAt: 1 }], speakers: [], hosts: ['host'], onAir: [] },
  questions: [
    {
      id: 'q1',
      authorId: 'ann',
      authorName: 'Ann',
      text: 'First?',
      createdAt: 1,
      status: 'open',
      upvotes: 2,
    },
    { id: 'q2', authorId: 'bob', authorName: 'Bob', text: 'Spam', createdAt: 2, status: 'held', upvotes: 0 },
  ],
  polls: [
    {
      id: 'p1',
      question: 'Next?',
      options: ['A', 'B'],
      multiple: false,
      status: 'open',
      createdAt: 3,
      createdBy: 'host',
      counts: [1, 0],
      voters: 1,
    },
  ],
};

describe('room state sync', () => {
  it('starts from the snapshot, held questions in the hosts’ part only', () => {
    const state = seedState(snapshot);
    expect(state.hands.map((h) => h.userId)).toEqual(['ann']);
    expect(state.questions.map((q) => q.id)).toEqual(['q1']);
    expect(state.hostQuestions.map((q) => `${q.id}:${q.status}`)).toEqual(['q2:held']);
    expect([...(state.polls.get('p1')?.counts ?? [])]).toEqual([1, 0]);
    expect([...(state.polls.get('p1')?.options ?? [])]).toEqual(['A', 'B']);
  });

  it('moves roles with the stage, and leaves hosts be', () => {
    const state = seedState(snapshot);
    for (const [key, userId, role] of [
      ['c1', 'ann', 'audience'],
      ['c2', 'host', 'host'],
    ] as const) {
      state.participants.set(
        key,
        Object.assign(new RoomParticipant(), { userId, name: userId, role, joinedAt: 0 }),
      );
    }
    applyUpdate(state, { kind: 'stage', hands: [], speakers: ['ann'], hosts: ['host'], onAir: ['ann'] });
    expect(state.participants.get('c1')?.role).toBe('speaker');
    expect(state.participants.get('c2')?.role).toBe('host');
    expect(state.hands).toHaveLength(0);
    applyUpdate(state, { kind: 'stage', hands: [], speakers: [], hosts: ['host'], onAir: [] });
    expect(state.participants.get('c1')?.role).toBe('audience');
  });

  it('follows questions, polls, reactions and status', () => {
    const state = seedState(snapshot);
    applyUpdate(state, {
      kind: 'questions',
      items: [
        { id: 'q3', authorId: 'cy', authorName: 'Cy', text: 'Hot', createdAt: 5, status: 'open', upvotes: 9 },
        {
          id: 'q1',
          authorId: 'ann',
          authorName: 'Ann',
          text: 'First?',
          createdAt: 1,
          status: 'answered',
          upvotes: 2,
        },
        {
          id: 'q4',
          authorId: 'dee',
          authorName: 'Dee',
          text: 'No',
          createdAt: 6,
          status: 'dismissed',
          upvotes: 0,
        },
      ],
    });
    expect(state.questions.map((q) => `${q.id}:${q.status}`)).toEqual(['q3:open', 'q1:answered']);
    // Only the hosts' updates change the hosts' part.
    expect(state.hostQuestions.map((q) => q.id)).toEqual(['q2']);
    const poll = snapshot.polls[0];
    if (!poll) throw new Error('fixture');
    applyUpdate(state, { kind: 'poll', poll: { ...poll, counts: [1, 3], voters: 4, status: 'closed' } });
    expect([...(state.polls.get('p1')?.counts ?? [])]).toEqual([1, 3]);
    expect(state.polls.get('p1')?.status).toBe('closed');
    applyUpdate(state, { kind: 'reactions', second: 42, counts: { '👏': 3 } });
    expect(state.reactionsSecond).toBe(42);
    expect(state.reactions.get('👏')).toBe(3);
    applyUpdate(state, { kind: 'status', status: 'ended' });
    expect(state.status).toBe('ended');
  });

  it('sends no patch for an update that changes nothing', () => {
    const state = seedState(snapshot);
    const encoder = new Encoder(state);
    encoder.encodeAll();
    encoder.discardChanges();
    applyUpdate(state, { kind: 'stage', ...snapshot.stage });
    expect(encoder.hasChanges).toBe(false);
  });

  it('encodes held and dismissed questions for hosts’ views only, at the start and live', () => {
    const state = seedState(snapshot);
    const encoder = new Encoder(state);
    const hostView = new StateView();
    hostView.add(state, HOSTS_VIEW);
    // Clients decode with classes rebuilt from the schema's reflection, as the SDK does.
    const reflection = Reflection.encode(encoder);
    const host = Reflection.decode<LiveSessionState>(reflection);
    const member = Reflection.decode<LiveSessionState>(reflection);
    // As Colyseus' SchemaSerializer sends them: one shared encoding, then each view's own part.
    const full = { offset: 0 };
    member.decode(Uint8Array.from(encoder.encodeAll(full)));
    host.decode(Uint8Array.from(encoder.encodeAllView(hostView, full.offset, { ...full })));
    const sendPatch = () => {
      const it = { offset: 0 };
      member.decode(Uint8Array.from(encoder.encode(it)));
      host.decode(Uint8Array.from(encoder.encodeView(hostView, it.offset, it)));
      encoder.discardChanges();
    };
    // A field the client never received is undefined there (the SDK's classes have no defaults).
    const ids = (d: Decoder<LiveSessionState>) => {
      const hosts = d.state.hostQuestions as LiveSessionState['hostQuestions'] | undefined;
      return {
        questions: d.state.questions.map((q) => q.id),
        hostQuestions: hosts?.map((q) => `${q.id}:${q.status}:${(q.heldFor as string | undefined) ?? ''}`),
      };
    };
    expect(ids(host)).toEqual({ questions: ['q1'], hostQuestions: ['q2:held:'] });
    expect(ids(member)).toEqual({ questions: ['q1'], hostQuestions: undefined });

    const [first, spam] = snapshot.questions as [LiveQuestion, LiveQuestion];
    const held = { id: 'q5', authorId: 'eve', authorName: 'Eve', text: 'BUY NOW', createdAt: 7, upvotes: 0 };
    applyUpdate(state, {
      kind: 'hostQuestions',
      items: [
        { ...held, status: 'held', heldFor: 'shouting' },
        { ...spam, status: 'dismissed' },
      ],
    });
    sendPatch();
    expect(ids(host).hostQuestions).toEqual(['q5:held:shouting', 'q2:dismissed:']);
    expect(ids(member).hostQuestions).toBeUndefined();

    // Released by a host: it leaves the hosts' part and joins everyone's questions.
    applyUpdate(state, { kind: 'hostQuestions', items: [{ ...spam, status: 'dismissed' }] });
    applyUpdate(state, { kind: 'questions', items: [first, { ...held, status: 'open' }] });
    sendPatch();
    expect(ids(host)).toEqual({ questions: ['q1', 'q5'], hostQuestions: ['q2:dismissed:'] });
    expect(ids(member)).toEqual({ questions: ['q1', 'q5'], hostQuestions: undefined });
  });
});
