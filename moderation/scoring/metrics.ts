// Decision threshold and the figures reported for it. A message is flagged when its score is
// strictly above the threshold.

export interface ScoredLabel {
  readonly score: number;
  readonly spam: boolean;
}

export interface Confusion {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
}

export const isFlagged = (score: number, threshold: number): boolean => score > threshold;

/**
 * The lowest threshold whose false-positive rate on these messages is at most `maxFpr`: the
 * (k+1)-th highest ham score, k being the number of ham messages allowed above it.
 */
export function lowestThresholdWithinFpr(scored: readonly ScoredLabel[], maxFpr: number): number {
  const hamScores = scored
    .filter((item) => !item.spam)
    .map((item) => item.score)
    .sort((a, b) => b - a);
  const allowedFalsePositives = Math.floor(maxFpr * hamScores.length + 1e-9);
  return hamScores[allowedFalsePositives] ?? 0;
}

export function confusion(scored: readonly ScoredLabel[], threshold: number): Confusion {
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (const { score, spam } of scored) {
    const flagged = isFlagged(score, threshold);
    if (spam && flagged) truePositives++;
    else if (spam) falseNegatives++;
    else if (flagged) falsePositives++;
    else trueNegatives++;
  }
  return { truePositives, falsePositives, trueNegatives, falseNegatives };
}

/** Spam caught: TP / (TP + FN). */
export const recall = (c: Confusion): number => c.truePositives / (c.truePositives + c.falseNegatives || 1);

/** Ham flagged: FP / (FP + TN). */
export const falsePositiveRate = (c: Confusion): number =>
  c.falsePositives / (c.falsePositives + c.trueNegatives || 1);

/** Matthews correlation coefficient; 0 when a margin is empty. */
export function matthews(c: Confusion): number {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = c;
  const denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return denominator === 0 ? 0 : (tp * tn - fp * fn) / denominator;
}
