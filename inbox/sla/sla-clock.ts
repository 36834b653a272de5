// The SLA clock's decisions, free of I/O so they run under a fake clock: when the warning and
// the breach of a target fall due, and whether a timer that fires still matters (the clock
// stopped or moved since it was set, for example because an agent answered).
import type { Priority } from '../provider/inbox-provider.js';
import { addBusinessTime, type BusinessHours } from './business-hours.js';
import { targetMs, type SlaPolicies, type SlaTarget } from './policies.js';

export interface SlaTimer {
  target: SlaTarget;
  stage: 'warning' | 'breach';
  /** When the timer fires (ms). */
  at: number;
  /** The target's due time (ms), which identifies the clock the timer belongs to. */
  dueAt: number;
}

/** Timers for one target whose clock starts at `start`. */
export function planTimers(
  target: SlaTarget,
  priority: Priority,
  start: Date,
  policies: SlaPolicies,
  hours: BusinessHours,
): SlaTimer[] {
  const ms = targetMs(policies.byPriority[priority], target);
  const dueAt = addBusinessTime(start, ms, hours).getTime();
  const warnAt = addBusinessTime(start, Math.floor(ms * policies.warnAt), hours).getTime();
  return [
    { target, stage: 'warning', at: warnAt, dueAt },
    { target, stage: 'breach', at: dueAt, dueAt },
  ];
}

/** What of a conversation the clock reads. */
export interface ClockState {
  status: string;
  priority: Priority;
  createdAt: Date;
  firstResponseAt: Date | null;
  awaitingSince: Date | null;
  /** Set when a resolved conversation was reopened: its resolution clock runs from then. */
  reopenedAt?: Date | null;
  breaches: readonly string[];
}

/** Where the resolution clock starts: the opening, or the last reopening. */
export function resolutionStart(state: Pick<ClockState, 'createdAt' | 'reopenedAt'>): Date {
  return state.reopenedAt ?? state.createdAt;
}

/** Whether a timer that fires now still applies to the conversation as it is. */
export function timerApplies(
  timer: Pick<SlaTimer, 'target' | 'dueAt' | 'stage'>,
  state: ClockState,
  policies: SlaPolicies,
  hours: BusinessHours,
): boolean {
  if (state.status === 'resolved') return false;
  if (timer.stage === 'breach' && state.breaches.includes(timer.target)) return false;
  // The clock the timer was set for: recomputed from the state, it must still end at dueAt
  // (a changed priority or a new member message moves it; an agent's answer stops it). The
  // first-response clock runs from the opening, the resolution clock from the opening or the last
  // reopening; the next-response clock from the member's oldest unanswered message.
  let start: Date | null;
  if (timer.target === 'first_response') start = state.firstResponseAt ? null : state.createdAt;
  else if (timer.target === 'next_response') start = state.firstResponseAt ? state.awaitingSince : null;
  else start = resolutionStart(state);
  if (!start) return false;
  const ms = targetMs(policies.byPriority[state.priority], timer.target);
  return addBusinessTime(start, ms, hours).getTime() === timer.dueAt;
}
