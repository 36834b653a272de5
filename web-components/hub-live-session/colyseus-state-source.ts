// The live state from the session's Colyseus room (docs/live-sessions.md, "The session's
// Colyseus room"): the hub reserves a seat (`POST …/room`), the Colyseus SDK takes it, and
// every patch of the replicated schema is mapped to the LiveSnapshot the view reads. Hosts'
// seats also carry the hosts-only part of the state (`hostQuestions`: held and dismissed
// questions), live like the rest. What the room does not carry comes from REST: this member's
// upvotes and poll choices, and their own questions AutoMod holds.
import { Client } from '@colyseus/sdk';
import { MemberBits } from './local-changes.js';
import { SnapshotStore } from './snapshot-store.js';
import type {
  LiveApi,
  LivePoll,
  LiveQuestion,
  QuestionStatus,
  RoomSeat,
  SessionRole,
  SessionStatus,
} from './live-api.js';
import { sortQuestions } from './live-logic.js';
import {
  EMPTY_STAGE,
  type LiveChange,
  type LiveSnapshot,
  type LiveStateSource,
  type LocalChange,
} from './state-source.js';

/** The room's schema state as the SDK decodes it (media/room/room-state.ts), read structurally. */
export interface RoomStateLike {
  /** Set once the room's first state arrived. */
  sessionId?: string;
  status?: string;
  participants?: { values(): Iterable<{ userId: string; name: string; role: string }> };
  hands?: Iterable<{ userId: string; raisedAt: number }>;
  hosts?: Iterable<string>;
  speakers?: Iterable<string>;
  onAir?: Iterable<string>;
  questions?: Iterable<RoomQuestionLike>;
  /** Only in hosts' seats: held and dismissed questions. */
  hostQuestions?: Iterable<RoomQuestionLike>;
  polls?: {
    values(): Iterable<{
      id: string;
      question: string;
      options: Iterable<string>;
      counts: Iterable<number>;
      multiple: boolean;
      status: string;
      voters: number;
      createdAt: number;
      closedAt: number;
      createdBy: string;
    }>;
  };
  reactions?: { entries(): Iterable<[string, number]> };
  reactionsSecond?: number;
}

interface RoomQuestionLike {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  status: string;
  upvotes: number;
  createdAt: number;
  heldFor?: string;
}

/** The SDK room, as far as this source uses it (a fake in unit tests). */
export interface RoomLike {
  readonly state: unknown;
  reconnection: { enabled: boolean };
  onStateChange(cb: (state: unknown) => void): unknown;
  onLeave(cb: (code: number) => void): unknown;
  leave(consented?: boolean): Promise<number>;
}

export type RoomConnector = (endpoint: string, seat: RoomSeat) => Promise<RoomLike>;

const sdkConnector: RoomConnector = (endpoint, seat) =>
  new Client(endpoint).consumeSeatReservation(seat.reservation) as Promise<RoomLike>;

const ROLES = new Set<string>(['host', 'speaker', 'audience']);
const STATUSES = new Set<string>(['scheduled', 'live', 'ended', 'cancelled']);
const HIDDEN: ReadonlySet<QuestionStatus> = new Set(['held', 'dismissed']);
/** How long the room's first state may take after the seat is taken. */
const FIRST_STATE_MS = 10_000;
/** Waits between attempts at a new seat after the room dropped: 1 s, 2 s, 4 s … 30 s. */
const RETRY_MS = { first: 1_000, max: 30_000 };
const EMPTY: LiveSnapshot = { stage: EMPTY_STAGE, questions: [], polls: [], reactions: null, loaded: false };
/** No member's bits: the room's own data, to tell what the room changed. */
const NO_BITS = new MemberBits();

/**
 * The room's state as a snapshot. In a host's seat, held and dismissed questions come from the
 * room's hosts-only part; elsewhere the ones the room leaves out (a member's own held question)
 * are kept from `previous` unless the room now carries them. `bits` adds this member's upvotes
 * and choices. Pure, so it is unit-tested with plain objects.
 */
export function snapshotFromRoom(
  room: RoomStateLike,
  previous: LiveSnapshot,
  bits: MemberBits,
  nowMs = Date.now(),
): LiveSnapshot {
  const toQuestion = (q: RoomQuestionLike): LiveQuestion => ({
    id: q.id,
    authorId: q.authorId,
    authorName: q.authorName,
    text: q.text,
    createdAt: q.createdAt,
    status: q.status as QuestionStatus,
    upvotes: q.upvotes,
    youUpvoted: bits.upvotes.has(q.id),
    ...(q.heldFor ? { heldFor: q.heldFor } : {}),
  });
  const roomQuestions = [...(room.questions ?? [])].map(toQuestion);
  const carried = new Set(roomQuestions.map((q) => q.id));
  const hidden = room.hostQuestions
    ? [...room.hostQuestions].map(toQuestion)
    : previous.questions.filter((q) => HIDDEN.has(q.status) && !carried.has(q.id));
  const polls: LivePoll[] = [...(room.polls?.values() ?? [])]
    .map((p) => {
      const choices = bits.choices.get(p.id);
      return {
        id: p.id,
        question: p.question,
        options: [...p.options],
        multiple: p.multiple,
        status: p.status === 'closed' ? ('closed' as const) : ('open' as const),
        createdAt: p.createdAt,
        ...(p.closedAt ? { closedAt: p.closedAt } : {}),
        createdBy: p.createdBy,
        counts: [...p.counts],
        voters: p.voters,
        ...(choices ? { yourChoices: choices } : {}),
      };
    })
    .sort((a, b) => b.createdAt - a.createdAt);
  const members = new Map<string, { userId: string; name: string; role: SessionRole }>();
  for (const p of room.participants?.values() ?? [])
    if (ROLES.has(p.role))
      members.set(p.userId, { userId: p.userId, name: p.name, role: p.role as SessionRole });
  return {
    stage: {
      hands: [...(room.hands ?? [])].map((h) => ({ userId: h.userId, raisedAt: h.raisedAt })),
      speakers: [...(room.speakers ?? [])],
      hosts: [...(room.hosts ?? [])],
      onAir: [...(room.onAir ?? [])],
    },
    questions: sortQuestions([...roomQuestions, ...hidden]),
    polls,
    reactions: reactionsOf(room, previous, nowMs),
    loaded: previous.loaded,
    members: [...members.values()],
    ...(room.status && STATUSES.has(room.status) ? { status: room.status as SessionStatus } : {}),
  };
}

function reactionsOf(room: RoomStateLike, previous: LiveSnapshot, nowMs: number): LiveSnapshot['reactions'] {
  const second = room.reactionsSecond ?? 0;
  if (!second) return null;
  const counts = Object.fromEntries(room.reactions?.entries() ?? []);
  const prev = previous.reactions;
  // The same second again (another part of the state changed): it arrived when it first did.
  if (prev?.second === second && JSON.stringify(prev.counts) === JSON.stringify(counts)) return prev;
  return { second, counts, receivedAt: nowMs };
}

const PARTS: [Exclude<LiveChange, 'loaded'>, (s: LiveSnapshot) => unknown][] = [
  ['stage', (s) => s.stage],
  ['questions', (s) => s.questions],
  ['poll', (s) => s.polls],
  ['reactions', (s) => s.reactions],
  ['members', (s) => [s.members, s.status]],
];

/** Which parts of the snapshot differ (all of them when there was none before). */
export function changedParts(before: LiveSnapshot | undefined, after: LiveSnapshot): LiveChange[] {
  return PARTS.filter(
    ([, part]) => !before || JSON.stringify(part(before)) !== JSON.stringify(part(after)),
  ).map(([kind]) => kind);
}

/** `next`'s value for each changed part, `current`'s for the others. */
function take(current: LiveSnapshot, next: LiveSnapshot, parts: LiveChange[]): LiveSnapshot {
  const s = { ...current };
  for (const part of parts) {
    if (part === 'stage') s.stage = next.stage;
    else if (part === 'questions') s.questions = next.questions;
    else if (part === 'poll') s.polls = next.polls;
    else if (part === 'reactions') s.reactions = next.reactions;
    else if (part === 'members') {
      s.members = next.members ?? [];
      if (next.status) s.status = next.status;
    }
  }
  return s;
}

/** The session's Colyseus room as the widget's live state. Open it with `ColyseusStateSource.open`. */
export class ColyseusStateSource implements LiveStateSource {
  readonly kind = 'colyseus';
  /** The last mapping of the room's state: a part the room did not change keeps local records. */
  private fromRoom: LiveSnapshot | undefined;
  private readonly store = new SnapshotStore();
  private room: RoomLike | undefined;
  /** The room's decoded state (the SDK updates it in place); kept while a new seat is taken. */
  private raw: RoomStateLike = {};
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = RETRY_MS.first;
  private closed = false;

  private constructor(
    private readonly api: Pick<LiveApi, 'roomSeat' | 'questions' | 'polls'>,
    private readonly endpoint: string,
    private readonly connect: RoomConnector,
  ) {}

  /** Takes a seat in the room and waits for its first state; rejects when there is none to take. */
  static async open(
    api: Pick<LiveApi, 'roomSeat' | 'questions' | 'polls'>,
    endpoint: string,
    connect: RoomConnector = sdkConnector,
  ): Promise<ColyseusStateSource> {
    const source = new ColyseusStateSource(api, endpoint, connect);
    await source.enter();
    return source;
  }

  snapshot(): LiveSnapshot {
    return this.store.state;
  }

  subscribe(listener: (snapshot: LiveSnapshot, change: LiveChange) => void): () => void {
    return this.store.subscribe(listener);
  }

  /** Reads what the room leaves out (this member's bits, hidden questions), then maps the room. */
  async refresh(): Promise<void> {
    const [questions, polls] = await Promise.all([this.api.questions(), this.api.polls()]);
    if (this.closed) return;
    this.store.bits.learn({ questions, polls });
    this.store.state = { ...this.store.state, loaded: true };
    this.setHidden(questions);
    this.store.emit('loaded');
  }

  record(change: LocalChange): void {
    this.store.record(change);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.store.close();
    const room = this.room;
    this.room = undefined;
    void room?.leave(true).catch(() => undefined);
  }

  /** The whole state from the room again, with `items`' held and dismissed questions. */
  private setHidden(items: readonly LiveQuestion[]): void {
    const previous = { ...this.store.state, questions: items.filter((q) => HIDDEN.has(q.status)) };
    this.fromRoom = snapshotFromRoom(this.raw, this.fromRoom ?? EMPTY, NO_BITS);
    this.store.state = snapshotFromRoom(this.raw, previous, this.store.bits);
  }

  private async enter(): Promise<void> {
    const seat = await this.api.roomSeat();
    const room = await this.connect(this.endpoint, seat);
    if (this.closed) {
      void room.leave(true).catch(() => undefined);
      return;
    }
    // The room keeps no seat for a dropped client: a drop ends this one and a new seat is taken.
    room.reconnection.enabled = false;
    let arrived: () => void = () => undefined;
    const first = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('live room: no state from the room')), FIRST_STATE_MS);
      arrived = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    room.onStateChange((state) => {
      if (room === this.room) this.onState(state as RoomStateLike);
      arrived();
    });
    room.onLeave((code) => this.onLeave(room, code));
    this.room = room;
    // The state may have come with the seat already: nothing to wait for then.
    const already = room.state as RoomStateLike | undefined;
    if (already?.sessionId) {
      this.onState(already);
      arrived();
    }
    try {
      await first;
    } catch (err) {
      this.room = undefined;
      void room.leave(true).catch(() => undefined);
      throw err;
    }
  }

  private onState(raw: RoomStateLike): void {
    if (this.closed) return;
    this.raw = raw;
    // Which parts the room changed, by its own data alone: a part it did not change keeps what
    // the member recorded meanwhile (an upvote shown before the room counts it).
    const plain = snapshotFromRoom(raw, this.fromRoom ?? EMPTY, NO_BITS);
    const parts = changedParts(this.fromRoom, plain);
    this.fromRoom = plain;
    if (parts.length === 0) return;
    const next = snapshotFromRoom(raw, this.store.state, this.store.bits);
    this.store.state = take(this.store.state, { ...next, reactions: plain.reactions }, parts);
    // Before the first REST read, the state fills in silently: 'loaded' says it all at once.
    if (!this.store.state.loaded) return;
    for (const part of parts) this.store.emit(part);
  }

  /** The room is gone: unless the session ended or the widget closed it, take a new seat. */
  private onLeave(room: RoomLike, _code: number): void {
    if (room !== this.room || this.closed) return;
    this.room = undefined;
    if (this.store.state.status && this.store.state.status !== 'live') return;
    this.retryTimer = setTimeout(() => void this.reenter(), this.retryMs);
  }

  private async reenter(): Promise<void> {
    if (this.closed) return;
    try {
      await this.enter();
      this.retryMs = RETRY_MS.first;
      await this.refresh();
    } catch (err) {
      if (this.closed) return;
      // The hub says no (session over, member removed, not allowed): stop; otherwise try later.
      const status = (err as { status?: number }).status;
      if (status === 403 || status === 404 || status === 409) return;
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.max);
      this.retryTimer = setTimeout(() => void this.reenter(), this.retryMs);
    }
  }
}
