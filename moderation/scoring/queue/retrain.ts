// Retraining the spam model from moderators' decisions, without a redeploy.
//
// Recipe: the shipped model's own fit part of the SMS collection plus the moderators' labels is
// trained from scratch with the shipped hyper-parameters (`train`), then refined on the labels
// alone (`update`, so that a handful of decisions is not drowned by 3,800 SMS); its threshold is
// chosen, as for the shipped model, on the SMS validation slice (never the test slice of
// evaluate.ts) at ≤ 0.5% false positives.
//
// Refusal: the candidate is measured on that same validation slice, as are the current model
// and the shipped one (each with its threshold chosen there the same way). A candidate whose
// MCC is below either by more than MCC_TOLERANCE is refused: it is not stored, and workers keep
// the current model. The tolerance is about one validation message: differences below it are
// noise of retraining, not a worse model; measuring against the shipped model too stops many
// "slightly worse" retrains from drifting downwards one after the other. A quarter of the labels
// (chosen by message id) is held out as well, and the candidate's accuracy on them is recorded.
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { SpamModelArtifact } from '../artifact.js';
import { train, type LabelledMessage, type SpamClassifier } from '../classifier.js';
import { MAX_VALIDATION_FPR } from '../evaluate.js';
import type { MessageInput } from '../features.js';
import { confusion, falsePositiveRate, lowestThresholdWithinFpr, matthews, recall } from '../metrics.js';
import { shippedSpamModel } from '../spam-scorer.js';
import { shippedTrainingData } from '../train-model.js';
import { SHIPPED_TRAIN_OPTIONS } from '../training-options.js';
import {
  getSpamModel,
  latestSpamModelVersion,
  listSpamLabels,
  storeSpamModel,
  type SpamLabelDoc,
} from '../../../storage/repositories/spam-training.js';
import { parseArtifact } from '../artifact.js';

export const RETRAIN_QUEUE = 'moderation-retrain';
export const MCC_TOLERANCE = 0.01;
/** One label in this many is held out of training to check the candidate on. */
const LABEL_HOLDOUT_EVERY = 4;

interface Scorer {
  score(message: MessageInput): number;
}

export interface Figures {
  recall: number;
  fpr: number;
  mcc: number;
  threshold: number;
}

export type RetrainOutcome =
  | { kind: 'skipped'; reason: 'no_new_labels'; version: number }
  | { kind: 'refused'; version: number; candidate: Figures; current: Figures; shipped: Figures }
  | { kind: 'stored'; version: number; candidate: Figures; current: Figures; labels: number };

/** Figures at the lowest threshold with ≤ 0.5% false positives on these examples. */
export function figuresOn(model: Scorer, examples: readonly LabelledMessage[]): Figures {
  const scored = examples.map((e) => ({ score: model.score(e.message), spam: e.spam }));
  const threshold = lowestThresholdWithinFpr(scored, MAX_VALIDATION_FPR);
  const c = confusion(scored, threshold);
  return { recall: recall(c), fpr: falsePositiveRate(c), mcc: matthews(c), threshold };
}

const heldOut = (label: SpamLabelDoc): boolean =>
  (createHash('sha256').update(label.messageId.toHexString()).digest()[0] ?? 0) % LABEL_HOLDOUT_EVERY === 0;

const asExample = (label: SpamLabelDoc): LabelledMessage => ({ message: label.text, spam: label.spam });

/** Trains a candidate on the SMS fit part and the labels: the training code of classifier.ts. */
export function trainCandidate(
  smsFit: readonly LabelledMessage[],
  labels: readonly LabelledMessage[],
): SpamClassifier {
  const candidate = train([...smsFit, ...labels], SHIPPED_TRAIN_OPTIONS);
  if (labels.length > 0) candidate.update(labels);
  return candidate;
}

export async function retrain(connection: Connection): Promise<RetrainOutcome> {
  const currentVersion = await latestSpamModelVersion(connection);
  const stored = currentVersion > 0 ? await getSpamModel(connection, currentVersion) : null;
  const labels = await listSpamLabels(connection);
  const newest = labels.at(-1)?.at.getTime() ?? 0;
  if (
    labels.length === 0 ||
    (stored && newest <= stored.createdAt.getTime() && labels.length === stored.labels)
  ) {
    return { kind: 'skipped', reason: 'no_new_labels', version: currentVersion };
  }

  const { examples, parts } = shippedTrainingData();
  const pick = (positions: readonly number[]) => positions.map((i) => examples[i] as LabelledMessage);
  const validation = pick(parts.second);
  const trainLabels = labels.filter((l) => !heldOut(l)).map(asExample);
  const checkLabels = labels.filter(heldOut).map(asExample);

  const candidate = trainCandidate(pick(parts.first), trainLabels);
  const current = stored
    ? parseArtifact(JSON.parse(stored.artifact)).classifier
    : shippedSpamModel().classifier;
  const figures = {
    candidate: figuresOn(candidate, validation),
    current: figuresOn(current, validation),
    shipped: figuresOn(shippedSpamModel().classifier, validation),
  };
  const floor = Math.max(figures.current.mcc, figures.shipped.mcc) - MCC_TOLERANCE;
  if (figures.candidate.mcc < floor) return { kind: 'refused', version: currentVersion, ...figures };

  const agreement =
    checkLabels.length === 0
      ? null
      : checkLabels.filter((e) => candidate.score(e.message) > figures.candidate.threshold === e.spam)
          .length / checkLabels.length;
  const artifact: SpamModelArtifact = {
    about: {
      dataset: `SMS Spam Collection fit part + ${trainLabels.length} moderator labels (held-out label agreement ${agreement ?? 'n/a'})`,
      trainedOn: parts.first.length + trainLabels.length,
      validatedOn: validation.length,
      maxValidationFpr: MAX_VALIDATION_FPR,
      command: 'hub queue retrain',
    },
    threshold: figures.candidate.threshold,
    model: candidate.toJSON(),
  };
  const strip = ({ recall: r, fpr, mcc }: Figures) => ({ recall: r, fpr, mcc });
  const saved = await storeSpamModel(connection, currentVersion, {
    artifact: JSON.stringify(artifact),
    labels: labels.length,
    validation: strip(figures.candidate),
    replaced: strip(figures.current),
  });
  return {
    kind: 'stored',
    version: saved.version,
    candidate: figures.candidate,
    current: figures.current,
    labels: labels.length,
  };
}
