// The one risk figure a scoring worker decides on, and how it is made, in words a moderator can
// check by hand:
//
//   content risk = 1 − (1 − spam) × (1 − profanity) × (1 − heuristics)      ("noisy OR")
//   risk         = min(1, content risk × trust factor)
//
// Each component is a risk in [0, 1) with its reasons. The noisy OR means any one strong signal
// is enough, and weak signals add up without ever passing 1. Trust only scales what the content
// already shows: a new member saying "hello" has no risk however new they are.
//
// - spam: the classifier's probability, mapped so that its own threshold (the score at which
//   it flags ≤ 0.5% of ham on validation) lands at SPAM_AT_THRESHOLD, and 1 at 1; linear on
//   both sides of the threshold.
// - profanity: by the worst severity found (mild / strong / slur), a little more per further
//   distinct word.
// - heuristics: links, shouting, long runs of one character, many mentions; noisy OR of their
//   own, capped at HEURISTICS_CAP so that they alone can flag but never hide with the defaults.
// - trust: membership age (new accounts are where spam comes from) times prior violations (this
//   author's decided cases in the community whose action was not 'approve').
import type { Severity } from '../../automod/index.js';
import type { ScoringThresholds } from '../../../storage/repositories/moderation-settings.js';

export interface Component {
  /** In [0, 1]. */
  risk: number;
  reasons: string[];
}

export const SPAM_AT_THRESHOLD = 0.6;

/** The spam component from the classifier's probability and its flagging threshold. */
export function spamRisk(probability: number, threshold: number, reasons: readonly string[]): Component {
  const p = clamp01(probability);
  const t = Math.min(Math.max(threshold, 1e-6), 1 - 1e-6);
  const risk =
    p <= t ? (SPAM_AT_THRESHOLD * p) / t : SPAM_AT_THRESHOLD + ((1 - SPAM_AT_THRESHOLD) * (p - t)) / (1 - t);
  const headline =
    p > t
      ? `spam classifier: ${pct(p)} (flags above ${pct(t)})`
      : `spam classifier: ${pct(p)}, below its threshold`;
  return { risk: round(risk), reasons: p > t ? [headline, ...reasons] : [headline] };
}

export const SEVERITY_RISK: Readonly<Record<Severity, number>> = { mild: 0.3, strong: 0.6, slur: 0.9 };
const PER_EXTRA_WORD = 0.05;

export interface ProfanityFound {
  word: string;
  severity: Severity;
}

export function profanityRisk(found: readonly ProfanityFound[]): Component {
  if (found.length === 0) return { risk: 0, reasons: [] };
  const worst = Math.max(...found.map((f) => SEVERITY_RISK[f.severity]));
  const distinct = new Map(found.map((f) => [f.word, f.severity]));
  const risk = Math.min(0.95, worst + PER_EXTRA_WORD * (distinct.size - 1));
  const reasons = [...distinct].map(([word, severity]) => `profanity (${severity}): "${word}"`);
  return { risk: round(risk), reasons };
}

/** What the heuristics look at, measured on the message. */
export interface Shape {
  links: number;
  letters: number;
  capitals: number;
  /** The longest run of one repeated character. */
  longestRun: number;
  mentions: number;
}

export const HEURISTICS_CAP = 0.6;

export function heuristicsRisk(shape: Shape): Component {
  const parts: [number, string][] = [];
  if (shape.links > 0)
    parts.push([Math.min(0.45, 0.15 * shape.links), `${shape.links} link${shape.links > 1 ? 's' : ''}`]);
  if (shape.letters >= 10 && shape.capitals / shape.letters >= 0.7)
    parts.push([0.2, `${Math.round((100 * shape.capitals) / shape.letters)}% capitals`]);
  if (shape.longestRun >= 6) parts.push([0.15, `a character repeated ${shape.longestRun} times`]);
  if (shape.mentions >= 5) parts.push([0.3, `${shape.mentions} mentions`]);
  else if (shape.mentions >= 3) parts.push([0.15, `${shape.mentions} mentions`]);
  const risk = Math.min(HEURISTICS_CAP, noisyOr(parts.map(([r]) => r)));
  return { risk: round(risk), reasons: parts.map(([, why]) => why) };
}

export interface TrustInput {
  /** Null: no active membership (left, or never joined): treated as brand new. */
  joinedAt: Date | null;
  /** Decided cases about this author in the community, other than approvals. */
  violations: number;
  now: Date;
}

export interface Trust {
  /** Multiplies the content risk: below 1 for long-standing members, above for new or repeat offenders. */
  factor: number;
  memberDays: number | null;
  violations: number;
  reasons: string[];
}

const DAY_MS = 86_400_000;
export const MAX_COUNTED_VIOLATIONS = 4;
export const PER_VIOLATION = 0.15;

export function trustOf({ joinedAt, violations, now }: TrustInput): Trust {
  const days = joinedAt ? Math.max(0, (now.getTime() - joinedAt.getTime()) / DAY_MS) : null;
  const [age, ageReason] =
    days === null
      ? [1.3, 'not a member']
      : days < 1 / 24
        ? [1.3, 'joined less than an hour ago']
        : days < 1
          ? [1.2, 'joined less than a day ago']
          : days < 7
            ? [1.1, 'member for less than a week']
            : days < 30
              ? [1, 'member for less than 30 days']
              : [0.9, 'member for 30 days or more'];
  const counted = Math.min(Math.max(0, Math.trunc(violations)), MAX_COUNTED_VIOLATIONS);
  const reasons = [ageReason];
  if (violations > 0) reasons.push(`${violations} prior violation${violations > 1 ? 's' : ''}`);
  return {
    factor: round(age * (1 + PER_VIOLATION * counted)),
    memberDays: days === null ? null : Math.floor(days),
    violations,
    reasons,
  };
}

export interface RiskInput {
  spam: Component;
  profanity: Component;
  heuristics: Component;
  trust: Trust;
}

export interface Risk {
  risk: number;
  content: number;
}

export function combineRisk({ spam, profanity, heuristics, trust }: RiskInput): Risk {
  const content = noisyOr([spam.risk, profanity.risk, heuristics.risk]);
  return { content: round(content), risk: round(Math.min(1, content * trust.factor)) };
}

export type ScoringAction = 'allow' | 'flag' | 'hide';

/** The community's thresholds decide: hide (and flag) from hideAt, flag from flagAt; null never. */
export function actionFor(risk: number, { flagAt, hideAt }: ScoringThresholds): ScoringAction {
  if (hideAt !== null && risk >= hideAt) return 'hide';
  if (flagAt !== null && risk >= flagAt) return 'flag';
  return 'allow';
}

/** The longest run of one character (by code point), for the repetition heuristic. */
export function longestRun(text: string): number {
  let best = 0;
  let run = 0;
  let previous = '';
  for (const ch of text) {
    run = ch === previous && !/\s/.test(ch) ? run + 1 : 1;
    previous = ch;
    if (run > best) best = run;
  }
  return best;
}

function noisyOr(risks: readonly number[]): number {
  return 1 - risks.reduce((keep, r) => keep * (1 - clamp01(r)), 1);
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const round = (x: number): number => Math.round(x * 1000) / 1000;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
