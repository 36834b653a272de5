// Pure rules of <hub-live-session>, kept apart so they are unit-tested without a browser: the
// order of the Q&A, reading the hub's `hubbub.state` data messages, and which session of a
// community to show.
import { STATE_TOPIC, type LiveStateMessage } from '../../protocol/index.js';
import type { ApiLiveSession, LivePoll, LiveQuestion } from './live-api.js';

/** The LiveKit data topic the hub sends state changes on. */
export { STATE_TOPIC };

export type StateMessage = LiveStateMessage;

const RANK: Record<LiveQuestion['status'], number> = { open: 0, answered: 1, held: 2, dismissed: 3 };

/** The hub's order: open by upvotes then oldest first, then answered, then (hosts) held, dismissed. */
export function sortQuestions(items: readonly LiveQuestion[]): LiveQuestion[] {
  return [...items].sort(
    (a, b) => RANK[a.status] - RANK[b.status] || b.upvotes - a.upvotes || a.createdAt - b.createdAt,
  );
}

/** A data message's JSON, or null when it is not one the widget knows (ignored, not fatal). */
export function parseStateMessage(payload: Uint8Array): StateMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m['kind']) {
    case 'stage':
      return Array.isArray(m['hands']) && Array.isArray(m['speakers']) && Array.isArray(m['hosts'])
        ? (m as unknown as StateMessage)
        : null;
    case 'questions':
      return Array.isArray(m['items']) ? (m as unknown as StateMessage) : null;
    case 'poll':
      return typeof m['poll'] === 'object' && m['poll'] !== null ? (m as unknown as StateMessage) : null;
    case 'reactions':
      return typeof m['counts'] === 'object' && m['counts'] !== null ? (m as unknown as StateMessage) : null;
    default:
      return null;
  }
}

/**
 * The public Q&A list of a data message, merged with what only this member knows: which
 * questions they upvoted, and their own questions held for the hosts (not broadcast).
 */
export function mergeQuestions(
  incoming: readonly LiveQuestion[],
  previous: readonly LiveQuestion[],
  myUpvotes: ReadonlySet<string>,
  me: string,
): LiveQuestion[] {
  const seen = new Set(incoming.map((q) => q.id));
  const mineHidden = previous.filter((q) => !seen.has(q.id) && q.authorId === me && q.status === 'held');
  return sortQuestions([...incoming.map((q) => ({ ...q, youUpvoted: myUpvotes.has(q.id) })), ...mineHidden]);
}

/** A poll from a data message, keeping this member's own choices (broadcasts carry none). */
export function mergePoll(polls: readonly LivePoll[], poll: LivePoll): LivePoll[] {
  const index = polls.findIndex((p) => p.id === poll.id);
  const yourChoices = index >= 0 ? polls[index]?.yourChoices : undefined;
  const merged: LivePoll = { ...poll, ...(yourChoices ? { yourChoices } : {}) };
  if (!yourChoices) delete merged.yourChoices;
  if (index < 0) return [merged, ...polls];
  return polls.map((p, i) => (i === index ? merged : p));
}

/** Which session to show for a community: the live one, else the next scheduled, else none. */
export function pickSession(
  items: readonly ApiLiveSession[],
  nowMs = Date.now(),
): ApiLiveSession | undefined {
  const live = items.find((s) => s.status === 'live');
  if (live) return live;
  return [...items]
    .filter((s) => s.status === 'scheduled')
    .sort(
      (a, b) =>
        Math.abs(Date.parse(a.startsAt) - nowMs) - Math.abs(Date.parse(b.startsAt) - nowMs) ||
        a.startsAt.localeCompare(b.startsAt),
    )[0];
}

/** A poll's share of votes per option, in whole percent of the voters. */
export function pollPercents(poll: Pick<LivePoll, 'counts' | 'voters'>): number[] {
  return poll.counts.map((n) => (poll.voters === 0 ? 0 : Math.round((100 * n) / poll.voters)));
}

/** The session role from a participant's LiveKit metadata (`{"role": …}`), or undefined. */
export function roleFromMetadata(metadata: string | undefined): string | undefined {
  if (!metadata) return undefined;
  try {
    const role = (JSON.parse(metadata) as { role?: unknown }).role;
    return typeof role === 'string' ? role : undefined;
  } catch {
    return undefined;
  }
}
