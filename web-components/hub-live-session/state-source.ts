// Where <hub-live-session> gets a session's interactive state (the stage, Q&A, polls,
// reactions): one small interface, a snapshot plus change notifications, so the view does not
// care how the state travels. The implementation here reads the REST snapshot and then follows
// the hub's LiveKit data messages (topic `hubbub.state`); ColyseusStateSource
// (colyseus-state-source.ts) follows the session's Colyseus room instead, and is the one the
// widget uses when it gets a seat there.
import { RoomEvent, type Room } from 'livekit-client';
import { HostQuestions } from './host-questions.js';
import type { LiveApi, LivePoll, LiveQuestion, SessionRole, SessionStatus, StageState } from './live-api.js';
import { applyLocalChange, MemberBits } from './local-changes.js';
import { mergePoll, mergeQuestions, parseStateMessage, sortQuestions, STATE_TOPIC } from './live-logic.js';

export interface LiveSnapshot {
  stage: StageState;
  /** Sorted as the hub sorts them; hosts also get held and dismissed ones. */
  questions: LiveQuestion[];
  /** Newest first. */
  polls: LivePoll[];
  /** The latest second's reaction counts, with when it arrived here. */
  reactions: { second: number; counts: Record<string, number>; receivedAt: number } | null;
  loaded: boolean;
  /** Who is in the session's Colyseus room (one entry per member), when the source knows. */
  members?: { userId: string; name: string; role: SessionRole }[];
  /** The session's status as the room last said it, when the source knows. */
  status?: SessionStatus;
}

/** `members`: who is in the Colyseus room, or the session's status there, changed. */
export type LiveChange = 'loaded' | 'stage' | 'questions' | 'poll' | 'reactions' | 'members';

/** A change this member made that the view shows before the broadcast comes back. */
export type LocalChange =
  | { kind: 'question'; question: LiveQuestion }
  | { kind: 'upvote'; questionId: string; upvotes: number; youUpvoted: boolean }
  | { kind: 'poll'; poll: LivePoll }
  | { kind: 'stage'; stage: StageState };

export interface LiveStateSource {
  /** How the state travels: `colyseus` (the session's room) or `livekit` (data messages). */
  readonly kind: 'colyseus' | 'livekit';
  snapshot(): LiveSnapshot;
  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: (snapshot: LiveSnapshot, change: LiveChange) => void): () => void;
  /** Reads everything again (after a reconnect, or an error). */
  refresh(): Promise<void>;
  record(change: LocalChange): void;
  close(): void;
}

export const EMPTY_STAGE: StageState = { hands: [], speakers: [], hosts: [], onAir: [] };

/** The REST snapshot, then the hub's `hubbub.state` data messages in the session's LiveKit room. */
export class LiveKitStateSource implements LiveStateSource {
  readonly kind = 'livekit';
  private state: LiveSnapshot = {
    stage: EMPTY_STAGE,
    questions: [],
    polls: [],
    reactions: null,
    loaded: false,
  };
  private readonly listeners = new Set<(s: LiveSnapshot, c: LiveChange) => void>();
  private readonly bits = new MemberBits();
  /** Kinds a data message updated while a REST read was in flight: the message is newer. */
  private fresher = new Set<LiveChange>();
  private fresherPolls = new Set<string>();
  private readonly hostQuestions: HostQuestions;
  private closed = false;

  constructor(
    private readonly api: LiveApi,
    private readonly room: Room,
    private readonly me: { id: string; host: boolean },
  ) {
    this.hostQuestions = new HostQuestions(api, (items) => {
      if (this.closed) return;
      this.state = { ...this.state, questions: sortQuestions(items) };
      this.emit('questions');
    });
    room.on(RoomEvent.DataReceived, this.onData);
  }

  snapshot(): LiveSnapshot {
    return this.state;
  }

  subscribe(listener: (snapshot: LiveSnapshot, change: LiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async refresh(): Promise<void> {
    this.fresher = new Set();
    this.fresherPolls = new Set();
    const [stage, questions, polls] = await Promise.all([
      this.api.stage(),
      this.api.questions(),
      this.api.polls(),
    ]);
    if (this.closed) return;
    this.bits.learn({ questions, polls });
    this.state = {
      ...this.state,
      stage: this.fresher.has('stage') ? this.state.stage : stage,
      questions: this.fresher.has('questions') ? this.state.questions : sortQuestions(questions),
      polls: this.mergeFresherPolls(polls),
      loaded: true,
    };
    this.emit('loaded');
  }

  /** The REST polls, except those a data message (or a poll opened) updated during the read. */
  private mergeFresherPolls(polls: LivePoll[]): LivePoll[] {
    const fresh = this.state.polls.filter((p) => this.fresherPolls.has(p.id));
    const ids = new Set(fresh.map((p) => p.id));
    return [...fresh, ...polls.filter((p) => !ids.has(p.id))].sort((a, b) => b.createdAt - a.createdAt);
  }

  record(change: LocalChange): void {
    const { state, change: kind } = applyLocalChange(this.state, change, this.bits);
    this.state = state;
    this.emit(kind);
  }

  close(): void {
    this.closed = true;
    this.room.off(RoomEvent.DataReceived, this.onData);
    this.listeners.clear();
  }

  private readonly onData = (
    payload: Uint8Array,
    _participant?: unknown,
    _kind?: unknown,
    topic?: string,
  ) => {
    if (topic !== STATE_TOPIC || this.closed) return;
    const message = parseStateMessage(payload);
    if (!message) return;
    const s = this.state;
    switch (message.kind) {
      case 'stage': {
        const { kind: _kind, ...stage } = message;
        this.state = { ...s, stage: { ...EMPTY_STAGE, ...stage } };
        this.fresher.add('stage');
        this.emit('stage');
        return;
      }
      case 'questions':
        // Hosts also see held and dismissed questions, which broadcasts leave out: read them.
        if (this.me.host) {
          this.hostQuestions.request();
          return;
        }
        this.state = {
          ...s,
          questions: mergeQuestions(message.items, s.questions, this.bits.upvotes, this.me.id),
        };
        this.fresher.add('questions');
        this.emit('questions');
        return;
      case 'poll':
        this.state = { ...s, polls: mergePoll(s.polls, message.poll) };
        this.fresherPolls.add(message.poll.id);
        this.emit('poll');
        return;
      case 'reactions':
        this.state = {
          ...s,
          reactions: { second: message.second, counts: message.counts, receivedAt: Date.now() },
        };
        this.emit('reactions');
        return;
    }
  };

  private emit(change: LiveChange): void {
    for (const listener of this.listeners) listener(this.state, change);
  }
}
