// SLA targets per priority: first response, next response (after each member message an agent
// has not answered yet) and resolution, in business time. A warning goes out when `warnAt` of a
// target has elapsed; at the target itself, the conversation is escalated.
import type { Priority } from '../provider/inbox-provider.js';

export type SlaTarget = 'first_response' | 'next_response' | 'resolution';

export interface SlaPolicy {
  firstResponseMs: number;
  nextResponseMs: number;
  resolutionMs: number;
}

export interface SlaPolicies {
  byPriority: Record<Priority, SlaPolicy>;
  /** Fraction of a target after which the warning goes out. */
  warnAt: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

export const DEFAULT_SLA_POLICIES: SlaPolicies = {
  byPriority: {
    urgent: { firstResponseMs: 15 * MIN, nextResponseMs: 30 * MIN, resolutionMs: 4 * HOUR },
    high: { firstResponseMs: HOUR, nextResponseMs: 2 * HOUR, resolutionMs: 24 * HOUR },
    medium: { firstResponseMs: 4 * HOUR, nextResponseMs: 8 * HOUR, resolutionMs: 72 * HOUR },
    low: { firstResponseMs: 8 * HOUR, nextResponseMs: 24 * HOUR, resolutionMs: 7 * 24 * HOUR },
    none: { firstResponseMs: 8 * HOUR, nextResponseMs: 24 * HOUR, resolutionMs: 7 * 24 * HOUR },
  },
  warnAt: 0.8,
};

export function targetMs(policy: SlaPolicy, target: SlaTarget): number {
  if (target === 'first_response') return policy.firstResponseMs;
  if (target === 'next_response') return policy.nextResponseMs;
  return policy.resolutionMs;
}

const ORDER: Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];

/** One step up, as an escalation raises it. */
export function raisedPriority(p: Priority): Priority {
  return ORDER[Math.min(ORDER.indexOf(p) + 1, ORDER.length - 1)] ?? 'urgent';
}
