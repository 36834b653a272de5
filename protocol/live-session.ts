// The wire shapes of live sessions (docs/live-sessions.md): what the hub's `live-sessions` routes
// answer, the `hubbub.state` data messages it sends into the LiveKit room, and the seat in the
// session's Colyseus room. The hub (media/) builds them and <hub-live-session> reads them.

export const SESSION_ROLES = ['host', 'speaker', 'audience'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_VISIBILITIES = ['members', 'public'] as const;
export type SessionVisibility = (typeof SESSION_VISIBILITIES)[number];

export const QUESTION_STATUSES = ['open', 'answered', 'dismissed', 'held'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** The emoji a session accepts: a fixed set keeps the overlay readable and the data small. */
export const REACTIONS = ['👏', '❤️', '😂', '🎉', '👍', '🔥', '😮', '🙏'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** The LiveKit data topic the hub sends state changes on, as JSON `LiveStateMessage`s. */
export const STATE_TOPIC = 'hubbub.state';

/** A session as `GET /api/v1/live-sessions/:id` (and the lists, and the lifecycle routes) answer it. */
export interface LiveSessionView {
  id: string;
  communityId: string;
  channelId: string | null;
  title: string;
  description: string;
  hostIds: string[];
  /** ISO 8601. */
  startsAt: string;
  durationMin: number;
  capacity: number;
  visibility: SessionVisibility;
  status: SessionStatus;
  startedAt: string | null;
  endedAt: string | null;
  /** Whether the caller hosts it (and may run the stage). */
  youHost: boolean;
  /** `GET` of one session only: how many marked interest, and whether the caller did. */
  interested?: number;
  youInterested?: boolean;
}

/** `POST …/join`: a short-lived LiveKit token with the grants of the caller's role. */
export interface JoinTicket {
  /** The URL clients connect to (ws or wss). */
  url: string;
  token: string;
  room: string;
  identity: string;
  role: SessionRole;
  expiresInS: number;
}

/** `POST …/room`: a seat in the session's Colyseus room, for `consumeSeatReservation`. */
export interface RoomSeat {
  role: SessionRole;
  /** Valid a few seconds, once. */
  reservation: {
    name: string;
    sessionId: string;
    roomId: string;
    processId?: string;
    publicAddress?: string;
  };
}

/** `GET …/stage`. */
export interface StageState {
  /** The raised-hand queue, oldest first. */
  hands: { userId: string; raisedAt: number }[];
  speakers: string[];
  hosts: string[];
  /** Who publishes a microphone now: who is speaking on stage. */
  onAir: string[];
}

/** A question as the Q&A routes answer it. */
export interface LiveQuestion {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: number;
  status: QuestionStatus;
  /** Why AutoMod held it for review (hosts see it). */
  heldFor?: string;
  upvotes: number;
  /** The caller's own upvote (REST only; broadcasts carry none). */
  youUpvoted?: boolean;
}

/** A poll with its live results. */
export interface LivePoll {
  id: string;
  question: string;
  options: string[];
  multiple: boolean;
  status: 'open' | 'closed';
  createdAt: number;
  closedAt?: number;
  createdBy: string;
  /** Votes per option, in option order. */
  counts: number[];
  voters: number;
  /** The caller's choices, when they voted (REST only). */
  yourChoices?: number[];
}

/** `GET …/telemetry` (hosts), and the live `live_session_telemetry` pushes' figures. */
export interface LiveTelemetry {
  /** Whether the figures are live (the session runs) or the saved summary. */
  live?: boolean;
  currentParticipants: number;
  peakParticipants: number;
  joins: number;
  totalWatchS: number;
  averageWatchS: number;
  handRaises: number;
  questions: number;
  pollVoters: number;
}

/** `GET …/summary` (hosts, once the session ended): what a host reviews after the session. */
export interface LiveSessionSummary {
  sessionId: string;
  title: string;
  /** ISO times; `startedAt` is null for a session ended before it went live. */
  startedAt: string | null;
  endedAt: string;
  /** From going live to the end (0 if it never went live). */
  durationS: number;
  audience: {
    peak: number;
    /** Participants on average over the live time: the total watch time over the duration. */
    average: number;
    joins: number;
  };
  watch: { totalS: number; averageS: number };
  handRaises: number;
  questions: { asked: number; answered: number; open: number; dismissed: number; held: number };
  /** Every poll with its final results, oldest first. */
  polls: Pick<LivePoll, 'id' | 'question' | 'options' | 'multiple' | 'counts' | 'voters'>[];
  reactions: {
    total: number;
    byEmoji: Record<string, number>;
    /** Per minute with reactions, oldest first: the minute's start (ISO) and its counts. */
    byMinute: { at: string; counts: Record<string, number> }[];
  };
}

/** One `hubbub.state` data message (held and dismissed questions are never in them). */
export type LiveStateMessage =
  | ({ kind: 'stage' } & StageState)
  | { kind: 'questions'; items: LiveQuestion[] }
  | { kind: 'poll'; poll: LivePoll }
  | { kind: 'reactions'; second: number; counts: Record<string, number> };
