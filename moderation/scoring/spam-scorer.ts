// The spam score the asynchronous moderation workers ask for: the shipped model.json, loaded
// once per process, and the reasons a moderator sees next to the score.
import { readFileSync } from 'node:fs';
import { parseArtifact, type LoadedSpamModel } from './artifact.js';
import { explain } from './explain.js';

export interface SpamScore {
  /** Probability-like, in [0, 1]. */
  readonly score: number;
  /** Whether the score is above the threshold chosen for ≤ 0.5% false positives. */
  readonly flagged: boolean;
  /**
   * What pushed the score towards spam most, strongest first: only for a flagged score (the
   * reasons are what a moderator reads about a flag; working them out costs as much as scoring).
   */
  readonly reasons: string[];
}

export const MODEL_URL = new URL('./model.json', import.meta.url);
/** Character n-grams make scoring linear in length; the tail of a huge paste adds nothing. */
export const MAX_SCORED_CHARS = 4_000;
const MAX_REASONS = 3;
/** Contributions below this (in logits) are noise, not reasons. */
const MIN_REASON_CONTRIBUTION = 0.1;

let shipped: LoadedSpamModel | undefined;

export function shippedSpamModel(): LoadedSpamModel {
  shipped ??= parseArtifact(JSON.parse(readFileSync(MODEL_URL, 'utf8')));
  return shipped;
}

export function scoreSpam(text: string, model: LoadedSpamModel = shippedSpamModel()): SpamScore {
  const scored = text.slice(0, MAX_SCORED_CHARS);
  const score = model.classifier.score(scored);
  const flagged = score > model.threshold;
  const reasons = flagged
    ? explain(model.classifier, scored)
        .filter((reason) => reason.contribution >= MIN_REASON_CONTRIBUTION)
        .slice(0, MAX_REASONS)
        .map((reason) => reason.description)
    : [];
  return { score, flagged, reasons };
}
