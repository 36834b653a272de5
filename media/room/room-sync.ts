// Applies the live state's changes to a room's schema. The changes are the very messages the hub
// sends into the LiveKit room (media/stage `broadcast`), relayed to every node's rooms over Redis,
// so a vote taken on any node shows in every room.
import type { StageView } from '../stage/stage.js';
import type { PollResults } from '../state/polls.js';
import type { RankedQuestion } from '../state/qa.js';
import type { ReactionsMessage } from '../state/reactions.js';
import { LiveSessionState, RoomHand, RoomPoll, RoomQuestion } from './room-state.js';

export type LiveUpdate =
  | ({ kind: 'stage' } & StageView)
  | { kind: 'questions'; items: RankedQuestion[] }
  /** Held and dismissed questions: only for the rooms (hosts' view), never sent into LiveKit. */
  | { kind: 'hostQuestions'; items: RankedQuestion[] }
  | { kind: 'poll'; poll: PollResults }
  | ReactionsMessage
  | { kind: 'status'; status: string }
  /** A host removed the member from the session: the rooms close their seats (no state change). */
  | { kind: 'removed'; userId: string };

/** What a room starts from: the same figures the updates carry. */
export interface LiveSnapshot {
  sessionId: string;
  title: string;
  status: string;
  /** The session's capacity: the room admits no more clients than LiveKit does. */
  capacity: number;
  stage: StageView;
  questions: RankedQuestion[];
  polls: PollResults[];
}

export function seedState(snapshot: LiveSnapshot): LiveSessionState {
  const state = new LiveSessionState();
  state.sessionId = snapshot.sessionId;
  state.title = snapshot.title;
  state.status = snapshot.status;
  state.reactionsSecond = 0;
  applyUpdate(state, { kind: 'stage', ...snapshot.stage });
  applyUpdate(state, { kind: 'questions', items: snapshot.questions });
  applyUpdate(state, { kind: 'hostQuestions', items: snapshot.questions });
  for (const poll of snapshot.polls) applyUpdate(state, { kind: 'poll', poll });
  return state;
}

export function applyUpdate(state: LiveSessionState, update: LiveUpdate): void {
  switch (update.kind) {
    case 'stage':
      replace(
        state.hands,
        update.hands.map((h) => Object.assign(new RoomHand(), { userId: h.userId, raisedAt: h.raisedAt })),
      );
      replace(state.hosts, update.hosts);
      replace(state.speakers, update.speakers);
      replace(state.onAir, update.onAir);
      // Invited or stepped down: the participants' roles follow the stage (hosts stay hosts).
      for (const p of state.participants.values()) {
        if (p.role === 'host') continue;
        const role = update.speakers.includes(p.userId) ? 'speaker' : 'audience';
        if (p.role !== role) p.role = role;
      }
      return;
    case 'questions':
      replace(state.questions, update.items.filter((q) => !HOSTS_ONLY.has(q.status)).map(roomQuestion));
      return;
    case 'hostQuestions':
      replace(state.hostQuestions, update.items.filter((q) => HOSTS_ONLY.has(q.status)).map(roomQuestion));
      return;
    case 'poll': {
      const { poll } = update;
      const current = state.polls.get(poll.id) ?? new RoomPoll();
      current.id = poll.id;
      current.question = poll.question;
      current.multiple = poll.multiple;
      current.status = poll.status;
      current.voters = poll.voters;
      current.createdAt = poll.createdAt;
      current.closedAt = poll.closedAt ?? 0;
      current.createdBy = poll.createdBy;
      if (current.options.length !== poll.options.length) replace(current.options, poll.options);
      replace(current.counts, poll.counts);
      if (!state.polls.has(poll.id)) state.polls.set(poll.id, current);
      return;
    }
    case 'reactions':
      state.reactionsSecond = update.second;
      state.reactions.clear();
      for (const [emoji, count] of Object.entries(update.counts)) state.reactions.set(emoji, count);
      return;
    case 'status':
      state.status = update.status;
      return;
    case 'removed':
      return;
  }
}

/** Statuses only hosts see: they go to the hosts' view, never to the shared state. */
const HOSTS_ONLY: ReadonlySet<string> = new Set(['held', 'dismissed']);

function roomQuestion(q: RankedQuestion): RoomQuestion {
  const question = Object.assign(new RoomQuestion(), {
    id: q.id,
    authorId: q.authorId,
    authorName: q.authorName,
    text: q.text,
    status: q.status,
    upvotes: q.upvotes,
    createdAt: q.createdAt,
  });
  if (q.status === 'held' && q.heldFor) question.heldFor = q.heldFor;
  return question;
}

/** Replaces an array's items, leaving it untouched (no patch) when nothing changed. */
function replace<T>(
  target: { length: number; clear(): void; push(...items: T[]): number } & Iterable<T>,
  items: T[],
) {
  const same =
    target.length === items.length &&
    [...target].every((item, i) => JSON.stringify(item) === JSON.stringify(items[i]));
  if (same) return;
  target.clear();
  target.push(...items);
}
