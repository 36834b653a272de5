// What AutoMod decides about a message, and how the actions of the rules it breaks combine:
// the strictest outcome wins (block over hide over allow); alerts and timeouts accumulate.
import { MAX_TIMEOUT_S, type Action, type ReasonKind } from './rules.js';

export type Verdict = 'allow' | 'hide' | 'block';

export interface Reason {
  /** The rule's name, or `level:<category>` for a finding caught by a level. */
  rule: string;
  kind: ReasonKind;
  /** What was found, for moderators: "keyword \"free nitro\"", "7 mentions (at most 5)". */
  detail: string;
}

export type TriggeredAction = Action & { rule: string };

export interface Decision {
  verdict: Verdict;
  reasons: Reason[];
  actions: TriggeredAction[];
  /** The timeouts of all broken rules, added up (at most 28 days). */
  timeoutS?: number;
  /** Whether moderators are to be notified. */
  alert: boolean;
  /** The reason shown to the sender: the first blocking rule's. */
  blockReason?: string;
}

export interface Breach {
  rule: string;
  kind: ReasonKind;
  detail: string;
  actions: readonly Action[];
}

const SEVERITY: Readonly<Record<Verdict, number>> = { allow: 0, hide: 1, block: 2 };

export function decide(breaches: readonly Breach[]): Decision {
  let verdict: Verdict = 'allow';
  let timeoutS = 0;
  let alert = false;
  let blockReason: string | undefined;
  const reasons: Reason[] = [];
  const actions: TriggeredAction[] = [];
  for (const breach of breaches) {
    reasons.push({ rule: breach.rule, kind: breach.kind, detail: breach.detail });
    for (const action of breach.actions) {
      actions.push({ ...action, rule: breach.rule });
      switch (action.type) {
        case 'block':
          blockReason ??= action.reason;
          verdict = 'block';
          break;
        case 'hide':
          if (SEVERITY[verdict] < SEVERITY.hide) verdict = 'hide';
          break;
        case 'alert':
          alert = true;
          break;
        case 'timeout':
          timeoutS += action.durationS;
          break;
      }
    }
  }
  const decision: Decision = { verdict, reasons, actions, alert };
  if (timeoutS > 0) decision.timeoutS = Math.min(timeoutS, MAX_TIMEOUT_S);
  if (blockReason !== undefined) decision.blockReason = blockReason;
  return decision;
}
