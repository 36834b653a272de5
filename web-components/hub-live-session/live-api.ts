// The live-session REST calls of <hub-live-session> (tag `live-sessions` in docs/openapi.json),
// over the widgets' HubApi, and the shapes they return. Every stage action goes through the hub,
// which checks the caller's role and then asks LiveKit; the widget never calls LiveKit's API.
import type { HubApi } from '../shared/api.js';

export const SESSION_ROLES = ['host', 'speaker', 'audience'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];
export type SessionStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';

/** The emoji a session accepts (media/state/reactions.ts). */
export const REACTIONS = ['👏', '❤️', '😂', '🎉', '👍', '🔥', '😮', '🙏'] as const;
export type Reaction = (typeof REACTIONS)[number];

export interface ApiLiveSession {
  id: string;
  communityId: string;
  channelId: string | null;
  title: string;
  description: string;
  hostIds: string[];
  startsAt: string;
  durationMin: number;
  capacity: number;
  visibility: 'members' | 'public';
  status: SessionStatus;
  startedAt: string | null;
  endedAt: string | null;
  youHost: boolean;
  interested?: number;
  youInterested?: boolean;
}

export interface JoinTicket {
  url: string;
  token: string;
  room: string;
  identity: string;
  role: SessionRole;
  expiresInS: number;
}

/** A seat in the session's Colyseus room, taken with `@colyseus/sdk`'s `consumeSeatReservation`. */
export interface RoomSeat {
  role: SessionRole;
  reservation: {
    name: string;
    sessionId: string;
    roomId: string;
    processId?: string;
    publicAddress?: string;
  };
}

export interface StageState {
  /** The raised-hand queue, oldest first. */
  hands: { userId: string; raisedAt: number }[];
  speakers: string[];
  hosts: string[];
  /** Who publishes a microphone now. */
  onAir: string[];
}

export type QuestionStatus = 'open' | 'answered' | 'dismissed' | 'held';

export interface LiveQuestion {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: number;
  status: QuestionStatus;
  heldFor?: string;
  upvotes: number;
  youUpvoted?: boolean;
}

export interface LivePoll {
  id: string;
  question: string;
  options: string[];
  multiple: boolean;
  status: 'open' | 'closed';
  createdAt: number;
  closedAt?: number;
  createdBy: string;
  counts: number[];
  voters: number;
  yourChoices?: number[];
}

export interface LiveTelemetry {
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

export class LiveApi {
  constructor(
    private readonly api: HubApi,
    readonly sessionId: string,
  ) {}

  private path(rest = ''): string {
    return `/live-sessions/${encodeURIComponent(this.sessionId)}${rest}`;
  }

  session(): Promise<ApiLiveSession> {
    return this.api.request('GET', this.path());
  }

  start(): Promise<ApiLiveSession> {
    return this.api.request('POST', this.path('/start'));
  }

  end(): Promise<ApiLiveSession> {
    return this.api.request('POST', this.path('/end'));
  }

  join(): Promise<JoinTicket> {
    return this.api.request('POST', this.path('/join'));
  }

  /** Reserves a seat in the session's Colyseus room (valid a few seconds, once). */
  roomSeat(): Promise<RoomSeat> {
    return this.api.request('POST', this.path('/room'));
  }

  stage(): Promise<StageState> {
    return this.api.request('GET', this.path('/stage'));
  }

  raiseHand(): Promise<{ position: number }> {
    return this.api.request('POST', this.path('/hand'));
  }

  /** Lowers one's own hand, or (hosts) anyone's; `*` lowers them all. */
  lowerHand(userId: string): Promise<unknown> {
    return this.api.request('DELETE', this.path(`/hands/${encodeURIComponent(userId)}`));
  }

  invite(userId: string): Promise<unknown> {
    return this.api.request('PUT', this.path(`/speakers/${encodeURIComponent(userId)}`));
  }

  stepDown(userId: string): Promise<unknown> {
    return this.api.request('DELETE', this.path(`/speakers/${encodeURIComponent(userId)}`));
  }

  mute(userId: string, trackSid: string, muted: boolean): Promise<{ trackSid: string; muted: boolean }> {
    return this.api.request('POST', this.path(`/participants/${encodeURIComponent(userId)}/mute`), {
      trackSid,
      muted,
    });
  }

  remove(userId: string): Promise<unknown> {
    return this.api.request('POST', this.path(`/participants/${encodeURIComponent(userId)}/remove`));
  }

  questions(): Promise<LiveQuestion[]> {
    return this.api.request<{ items: LiveQuestion[] }>('GET', this.path('/questions')).then((r) => r.items);
  }

  ask(text: string): Promise<LiveQuestion> {
    return this.api.request('POST', this.path('/questions'), { text });
  }

  upvote(questionId: string, up: boolean): Promise<{ upvotes: number; youUpvoted: boolean }> {
    return this.api.request('PUT', this.path(`/questions/${questionId}/upvote`), { up });
  }

  setQuestionStatus(questionId: string, status: 'open' | 'answered' | 'dismissed'): Promise<unknown> {
    return this.api.request('PUT', this.path(`/questions/${questionId}/status`), { status });
  }

  polls(): Promise<LivePoll[]> {
    return this.api.request<{ items: LivePoll[] }>('GET', this.path('/polls')).then((r) => r.items);
  }

  createPoll(question: string, options: string[], multiple: boolean): Promise<LivePoll> {
    return this.api.request('POST', this.path('/polls'), { question, options, multiple });
  }

  vote(pollId: string, choices: number[]): Promise<LivePoll> {
    return this.api.request('POST', this.path(`/polls/${pollId}/votes`), { choices });
  }

  closePoll(pollId: string): Promise<LivePoll> {
    return this.api.request('POST', this.path(`/polls/${pollId}/close`));
  }

  react(emoji: Reaction): Promise<unknown> {
    return this.api.request('POST', this.path('/reactions'), { emoji });
  }

  /** Marks (or unmarks) interest: interested members are reminded before the start. */
  setInterest(interested: boolean): Promise<{ interested: number }> {
    return this.api.request('PUT', this.path('/interest'), { interested });
  }

  telemetry(): Promise<LiveTelemetry> {
    return this.api.request('GET', this.path('/telemetry'));
  }
}

/** The session as an iCalendar file (not JSON, so fetched apart from HubApi). */
export async function fetchCalendar(endpoint: string, token: string, sessionId: string): Promise<Blob> {
  const response = await fetch(
    `${endpoint}/api/v1/live-sessions/${encodeURIComponent(sessionId)}/calendar.ics`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  if (!response.ok) throw new Error(`calendar: ${response.status} ${response.statusText}`);
  return response.blob();
}

/** The sessions of a community the caller may see (to pick one when no session id is given). */
export function communitySessions(api: HubApi, communityId: string): Promise<ApiLiveSession[]> {
  return api
    .request<{ items: ApiLiveSession[] }>('GET', `/communities/${communityId}/live-sessions`)
    .then((r) => r.items);
}
