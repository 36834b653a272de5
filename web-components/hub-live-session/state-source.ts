// Where <hub-live-session> gets a session's interactive state (the stage, Q&A, polls,
// reactions): one small interface, a snapshot plus change notifications, so the view does not
// care how the state travels. Two implementations sit beside it: the session's Colyseus room
// (ColyseusStateSource, colyseus-state-source.ts), which the widget uses when it gets a seat
// there, or else the REST snapshot followed by the hub's LiveKit data messages
// (LiveKitStateSource, livekit-state-source.ts).
import type { LiveQuestion, LivePoll, SessionRole, SessionStatus, StageState } from './live-api.js';

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
