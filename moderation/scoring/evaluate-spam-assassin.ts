// The spam model out of its domain: the model the SMS protocol selects (trained on SMS only,
// its threshold chosen on the SMS validation slice) scores e-mails of the SpamAssassin corpus
// it has never seen. The corpus is split once, stratified, into a development half (for
// whoever works on features that should generalise: look there) and a test half, the only one
// reported. Nothing here trains or picks a threshold.
import { assess, type SelectedModel, type TestFigures } from './evaluate.js';
import { loadSpamAssassin, type SpamAssassinExample } from './spam-assassin-dataset.js';
import { stratifiedSplit } from './split.js';

export const SPAM_ASSASSIN_SPLIT_SEED = 20_020_806;
/** Share of the corpus in the development half. */
export const SPAM_ASSASSIN_DEV_FRACTION = 0.5;

export interface SpamAssassinSplit {
  readonly development: readonly number[];
  readonly test: readonly number[];
}

export interface SpamAssassinEvaluation extends TestFigures {
  readonly test: number;
  /** Ham of the corpus's `hard-ham-1` group (newsletters, commercial mail) in the test half flagged. */
  readonly hardHamFpr: number;
}

export function spamAssassinSplit(examples: readonly SpamAssassinExample[]): SpamAssassinSplit {
  const parts = stratifiedSplit(
    examples.map((example) => example.spam),
    SPAM_ASSASSIN_DEV_FRACTION,
    SPAM_ASSASSIN_SPLIT_SEED,
  );
  return { development: parts.first, test: parts.second };
}

/** Recall, FPR and MCC of an SMS-selected model on the test half of SpamAssassin. */
export function evaluateSpamAssassin(
  selected: SelectedModel,
  examples: readonly SpamAssassinExample[] = loadSpamAssassin(),
): SpamAssassinEvaluation {
  const { test } = spamAssassinSplit(examples);
  const hardHam = test.filter((i) => examples[i]?.group === 'hard-ham-1');
  const hardFigures = assess(selected, examples, hardHam);
  return { ...assess(selected, examples, test), test: test.length, hardHamFpr: hardFigures.fpr };
}
