// The live-session REST calls of <hub-live-session> (tag `live-sessions` in docs/openapi.json),
// over the widgets' HubApi, and the shapes they return. Every stage action goes through the hub,
// which checks the caller's role and then asks LiveKit; the widget never calls LiveKit's API.
// The shapes are the hub's own, from protocol/live-session.ts.
import {
  REACTIONS,
  SESSION_ROLES,
  type JoinTicket,
  type LivePoll,
  type LiveQuestion,
  type LiveSessionSummary,
  type LiveSessionView,
  type LiveTelemetry,
  type QuestionStatus,
  type Reaction,
  type RoomSeat,
  type SessionRole,
  type SessionStatus,
  type StageState,
} from '../../protocol/index.js';
import type { HubApi } from '../shared/api.js';

export {
  REACTIONS,
  SESSION_ROLES,
  type JoinTicket,
  type LivePoll,
  type LiveQuestion,
  type LiveSessionSummary,
  type LiveTelemetry,
  type QuestionStatus,
  type Reaction,
  type RoomSeat,
  type SessionRole,
  type SessionStatus,
  type StageState,
};

/** A session as the hub answers it (protocol/live-session.ts). */
export type ApiLiveSession = LiveSessionView;

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

  /** Hosts, once the session ended: the figures to review. */
  summary(): Promise<LiveSessionSummary> {
    return this.api.request('GET', this.path('/summary'));
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
