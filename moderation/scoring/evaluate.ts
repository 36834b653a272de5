// The evaluation protocol: deduplicate; 70/30 stratified train/test split with a fixed seed;
// carve a validation slice from the training part; train on the rest; pick the lowest
// threshold whose false-positive rate on validation is ≤ 0.5%; report recall, false-positive
// rate and MCC on the untouched test part. The test part is never an argument of the step
// that picks the threshold.
import { train, type LabelledMessage, type TrainOptions } from './classifier.js';
import type { MessageInput } from './features.js';
import {
  confusion,
  falsePositiveRate,
  lowestThresholdWithinFpr,
  matthews,
  recall,
  type Confusion,
} from './metrics.js';
import { deduplicate, loadSmsCollection } from './sms-dataset.js';
import { stratifiedSplit } from './split.js';
import { SHIPPED_TRAIN_OPTIONS } from './training-options.js';

export const SPLIT_SEED = 20_110_902;
export const TEST_FRACTION = 0.3;
/** Share of the training part held out to choose the threshold. */
export const VALIDATION_FRACTION = 0.25;
export const MAX_VALIDATION_FPR = 0.005;

/** Positions into the deduplicated examples; the three parts are disjoint. */
export interface ProtocolSplit {
  readonly fit: readonly number[];
  readonly validation: readonly number[];
  readonly test: readonly number[];
}

export interface Scorer {
  score(message: MessageInput): number;
}

export interface SelectedModel<M extends Scorer = Scorer> {
  readonly model: M;
  readonly threshold: number;
}

export interface TestFigures {
  readonly recall: number;
  readonly fpr: number;
  readonly mcc: number;
  readonly confusion: Confusion;
}

export interface SmsEvaluation extends TestFigures {
  readonly threshold: number;
  /** Size of the training part (fit + validation). */
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

/** Train/test at 70/30, then the validation slice out of the training part, both stratified. */
export function protocolSplit(labels: readonly boolean[], seed: number = SPLIT_SEED): ProtocolSplit {
  const trainTest = stratifiedSplit(labels, 1 - TEST_FRACTION, seed);
  const trainLabels = trainTest.first.map((i) => labels[i] === true);
  const fitValidation = stratifiedSplit(trainLabels, 1 - VALIDATION_FRACTION, seed + 1);
  const toPositions = (within: number[]): number[] => within.map((k) => trainTest.first[k] ?? -1);
  return {
    fit: toPositions(fitValidation.first),
    validation: toPositions(fitValidation.second),
    test: trainTest.second,
  };
}

const pick = (examples: readonly LabelledMessage[], positions: readonly number[]): LabelledMessage[] =>
  positions.map((i) => {
    const example = examples[i];
    if (!example) throw new Error(`no example at position ${i}`);
    return example;
  });

/** Trains on the fit part and chooses the threshold on the validation part: nothing else. */
export function selectModel<M extends Scorer>(
  examples: readonly LabelledMessage[],
  parts: { readonly fit: readonly number[]; readonly validation: readonly number[] },
  fit: (examples: readonly LabelledMessage[]) => M,
  maxFpr: number = MAX_VALIDATION_FPR,
): SelectedModel<M> {
  const model = fit(pick(examples, parts.fit));
  const scored = pick(examples, parts.validation).map((example) => ({
    score: model.score(example.message),
    spam: example.spam,
  }));
  return { model, threshold: lowestThresholdWithinFpr(scored, maxFpr) };
}

/** The reported figures, on the held-out test part. */
export function assess(
  selected: SelectedModel,
  examples: readonly LabelledMessage[],
  test: readonly number[],
): TestFigures {
  const scored = pick(examples, test).map((example) => ({
    score: selected.model.score(example.message),
    spam: example.spam,
  }));
  const counts = confusion(scored, selected.threshold);
  return { recall: recall(counts), fpr: falsePositiveRate(counts), mcc: matthews(counts), confusion: counts };
}

/** The model the protocol measures: trained on the SMS fit part, its threshold from validation. */
export function smsProtocolModel(options: TrainOptions = SHIPPED_TRAIN_OPTIONS): {
  readonly selected: SelectedModel;
  readonly examples: readonly LabelledMessage[];
  readonly split: ProtocolSplit;
} {
  const examples = deduplicate(loadSmsCollection());
  const split = protocolSplit(examples.map((example) => example.spam));
  const selected = selectModel(examples, split, (fitExamples) => train(fitExamples, options));
  return { selected, examples, split };
}

/** The whole protocol on the SMS Spam Collection (a model given is the one it selected). */
export function evaluateSms(
  options: TrainOptions = SHIPPED_TRAIN_OPTIONS,
  protocol: ReturnType<typeof smsProtocolModel> = smsProtocolModel(options),
): SmsEvaluation {
  const { selected, examples, split } = protocol;
  return {
    ...assess(selected, examples, split.test),
    threshold: selected.threshold,
    train: split.fit.length + split.validation.length,
    validation: split.validation.length,
    test: split.test.length,
  };
}
