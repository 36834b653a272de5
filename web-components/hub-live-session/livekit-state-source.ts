// The live state from the REST snapshot followed by the hub's LiveKit data messages (topic
// `hubbub.state`): the widget's fallback when it gets no seat in the session's Colyseus room.
import { RoomEvent, type Room } from 'livekit-client';
import { HostQuestions } from './host-questions.js';
import { SnapshotStore } from './snapshot-store.js';
import type { LiveApi, LivePoll } from './live-api.js';
import { mergePoll, mergeQuestions, parseStateMessage, sortQuestions, STATE_TOPIC } from './live-logic.js';
import {
  EMPTY_STAGE,
  type LiveChange,
  type LiveSnapshot,
  type LiveStateSource,
  type LocalChange,
} from './state-source.js';

/** The REST snapshot, then the hub's `hubbub.state` data messages in the session's LiveKit room. */
export class LiveKitStateSource implements LiveStateSource {
  readonly kind = 'livekit';
  private readonly store = new SnapshotStore();
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
      this.store.state = { ...this.store.state, questions: sortQuestions(items) };
      this.store.emit('questions');
    });
    room.on(RoomEvent.DataReceived, this.onData);
  }

  snapshot(): LiveSnapshot {
    return this.store.state;
  }

  subscribe(listener: (snapshot: LiveSnapshot, change: LiveChange) => void): () => void {
    return this.store.subscribe(listener);
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
    this.store.bits.learn({ questions, polls });
    this.store.state = {
      ...this.store.state,
      stage: this.fresher.has('stage') ? this.store.state.stage : stage,
      questions: this.fresher.has('questions') ? this.store.state.questions : sortQuestions(questions),
      polls: this.mergeFresherPolls(polls),
      loaded: true,
    };
    this.store.emit('loaded');
  }

  /** The REST polls, except those a data message (or a poll opened) updated during the read. */
  private mergeFresherPolls(polls: LivePoll[]): LivePoll[] {
    const fresh = this.store.state.polls.filter((p) => this.fresherPolls.has(p.id));
    const ids = new Set(fresh.map((p) => p.id));
    return [...fresh, ...polls.filter((p) => !ids.has(p.id))].sort((a, b) => b.createdAt - a.createdAt);
  }

  record(change: LocalChange): void {
    this.store.record(change);
  }

  close(): void {
    this.closed = true;
    this.room.off(RoomEvent.DataReceived, this.onData);
    this.store.close();
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
    const s = this.store.state;
    switch (message.kind) {
      case 'stage': {
        const { kind: _kind, ...stage } = message;
        this.store.state = { ...s, stage: { ...EMPTY_STAGE, ...stage } };
        this.fresher.add('stage');
        this.store.emit('stage');
        return;
      }
      case 'questions':
        // Hosts also see held and dismissed questions, which broadcasts leave out: read them.
        if (this.me.host) {
          this.hostQuestions.request();
          return;
        }
        this.store.state = {
          ...s,
          questions: mergeQuestions(message.items, s.questions, this.store.bits.upvotes, this.me.id),
        };
        this.fresher.add('questions');
        this.store.emit('questions');
        return;
      case 'poll':
        this.store.state = { ...s, polls: mergePoll(s.polls, message.poll) };
        this.fresherPolls.add(message.poll.id);
        this.store.emit('poll');
        return;
      case 'reactions':
        this.store.state = {
          ...s,
          reactions: { second: message.second, counts: message.counts, receivedAt: Date.now() },
        };
        this.store.emit('reactions');
        return;
    }
  };
}
