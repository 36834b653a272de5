// A logistic-regression spam model over hashed features. Training is AdaGrad with L2 in a
// seeded order for a fixed number of epochs, so the same data and seed give bit-identical
// weights; the trained model is a small JSON artifact; moderators' decisions refine a loaded
// model online (plain SGD on top of its weights) without a redeploy.
import { z } from 'zod';
import { featureIndex } from './hashing.js';
import {
  featureSlots,
  stemsOf,
  vectorize,
  type FeatureOptions,
  type MessageInput,
  type SparseVector,
} from './features.js';
import { seededRandom, shuffle } from './prng.js';

export interface LabelledMessage {
  readonly message: MessageInput;
  readonly spam: boolean;
}

export interface TrainOptions extends FeatureOptions {
  readonly seed: number;
  readonly epochs: number;
  /** AdaGrad's base step. */
  readonly learningRate: number;
  /** L2 penalty, applied to the weights a message touches (lazy, as usual for sparse SGD). */
  readonly l2: number;
  /** Loss weight of a spam message relative to a ham one (spam is the rarer class). */
  readonly spamWeight: number;
  /** Keep only this many largest weights (then retrain on them), so the artifact stays small. */
  readonly maxFeatures?: number;
  /** Round kept weights to this many significant digits, for the same reason. */
  readonly significantDigits?: number;
}

export interface UpdateOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly seed?: number;
}

/** Strong enough that one decision flips a clear mistake of the kind it corrects. */
const DEFAULT_UPDATE = { epochs: 5, learningRate: 1 } as const;

const FORMAT = 'hubbub-spam-logreg/1';

const modelJsonSchema = z.object({
  format: z.literal(FORMAT),
  features: z.object({
    hashBits: z.number().int().min(8).max(24),
    scales: z.object({ word: z.number(), bigram: z.number(), char: z.number(), shape: z.number() }),
  }),
  l2: z.number().nonnegative(),
  bias: z.number(),
  /** Ascending slot indices of the non-zero weights, each stored as the gap to the previous one. */
  indexGaps: z.array(z.number().int().positive()),
  weights: z.array(z.number()),
});

export type ModelJson = z.infer<typeof modelJsonSchema>;

const sigmoid = (margin: number): number => 1 / (1 + Math.exp(-margin));

export class SpamClassifier {
  private constructor(
    readonly features: FeatureOptions,
    private readonly l2: number,
    private readonly weights: Float64Array,
    private bias: number,
  ) {}

  /** An untrained model: every score is 0.5. */
  static empty(features: FeatureOptions, l2: number): SpamClassifier {
    return new SpamClassifier(features, l2, new Float64Array(1 << features.hashBits), 0);
  }

  static fromJSON(json: unknown): SpamClassifier {
    const parsed = modelJsonSchema.parse(json);
    if (parsed.indexGaps.length !== parsed.weights.length)
      throw new Error('spam model: gaps/weights mismatch');
    const weights = new Float64Array(1 << parsed.features.hashBits);
    let index = -1;
    parsed.indexGaps.forEach((gap, i) => {
      index += gap;
      if (index >= weights.length) throw new Error('spam model: weight index out of range');
      weights[index] = parsed.weights[i] ?? 0;
    });
    return new SpamClassifier(parsed.features, parsed.l2, weights, parsed.bias);
  }

  toJSON(): ModelJson {
    const indexGaps: number[] = [];
    const weights: number[] = [];
    let previous = -1;
    this.weights.forEach((weight, index) => {
      if (weight === 0) return;
      indexGaps.push(index - previous);
      weights.push(weight);
      previous = index;
    });
    return { format: FORMAT, features: this.features, l2: this.l2, bias: this.bias, indexGaps, weights };
  }

  vectorize(message: MessageInput): SparseVector {
    return vectorize(stemsOf(message), this.features);
  }

  /**
   * The probability-like spam score in [0, 1]: scoreVector of the message's vector, computed from
   * its slots without sorting or normalising them first (the norm divides the sum once).
   */
  score(message: MessageInput): number {
    let dot = 0;
    let squares = 0;
    for (const [index, value] of featureSlots(stemsOf(message), this.features)) {
      dot += (this.weights[index] ?? 0) * value;
      squares += value * value;
    }
    const norm = Math.sqrt(squares);
    return sigmoid(this.bias + (norm > 0 ? dot / norm : 0));
  }

  scoreVector(vector: SparseVector): number {
    let margin = this.bias;
    vector.indices.forEach((index, i) => {
      margin += (this.weights[index] ?? 0) * (vector.values[i] ?? 0);
    });
    return sigmoid(margin);
  }

  /** The weight of a named feature (shared with any feature hashed to the same slot). */
  weightOf(name: string): number {
    return this.weights[featureIndex(name, this.features.hashBits)] ?? 0;
  }

  get biasWeight(): number {
    return this.bias;
  }

  get nonZeroWeights(): number {
    return this.weights.reduce((count, weight) => count + (weight === 0 ? 0 : 1), 0);
  }

  /**
   * Refines the model with moderators' decisions: a few seeded passes of plain SGD over just
   * these messages, starting from the current weights (AdaGrad's state is not kept in the
   * artifact, so a fixed step replaces it).
   */
  update(examples: readonly LabelledMessage[], options: UpdateOptions = {}): void {
    const vectors = examples.map((example) => this.vectorize(example.message));
    const order = examples.map((_, i) => i);
    const random = seededRandom(options.seed ?? 1);
    const learningRate = options.learningRate ?? DEFAULT_UPDATE.learningRate;
    for (let epoch = 0; epoch < (options.epochs ?? DEFAULT_UPDATE.epochs); epoch++) {
      for (const i of shuffle(order, random)) {
        const vector = vectors[i] as SparseVector;
        const error = this.scoreVector(vector) - ((examples[i] as LabelledMessage).spam ? 1 : 0);
        vector.indices.forEach((index, k) => {
          const weight = this.weights[index] ?? 0;
          this.weights[index] = weight - learningRate * (error * (vector.values[k] ?? 0) + this.l2 * weight);
        });
        this.bias -= learningRate * error;
      }
    }
  }

  /**
   * AdaGrad epochs over pre-computed vectors: the training loop proper. With `allowed`, only
   * those slots learn; the rest stay zero.
   */
  fitAdaGrad(
    vectors: readonly SparseVector[],
    labels: readonly boolean[],
    options: TrainOptions,
    allowed?: Uint8Array,
  ): void {
    const squaredGradients = new Float64Array(this.weights.length).fill(1e-8);
    let biasSquaredGradients = 1e-8;
    const order = vectors.map((_, i) => i);
    const random = seededRandom(options.seed);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (const i of shuffle(order, random)) {
        const vector = vectors[i] as SparseVector;
        const spam = labels[i] === true;
        const error = (this.scoreVector(vector) - (spam ? 1 : 0)) * (spam ? options.spamWeight : 1);
        vector.indices.forEach((index, k) => {
          if (allowed && allowed[index] !== 1) return;
          const weight = this.weights[index] ?? 0;
          const gradient = error * (vector.values[k] ?? 0) + options.l2 * weight;
          const accumulated = (squaredGradients[index] ?? 0) + gradient * gradient;
          squaredGradients[index] = accumulated;
          this.weights[index] = weight - (options.learningRate * gradient) / Math.sqrt(accumulated);
        });
        biasSquaredGradients += error * error;
        this.bias -= (options.learningRate * error) / Math.sqrt(biasSquaredGradients);
      }
    }
  }

  /** A mask of the `count` largest weights' slots, ties broken by slot index. */
  largestWeights(count: number): Uint8Array {
    const mask = new Uint8Array(this.weights.length);
    [...this.weights.keys()]
      .filter((index) => this.weights[index] !== 0)
      .sort((a, b) => Math.abs(this.weights[b] ?? 0) - Math.abs(this.weights[a] ?? 0) || a - b)
      .slice(0, count)
      .forEach((index) => (mask[index] = 1));
    return mask;
  }

  reset(): void {
    this.weights.fill(0);
    this.bias = 0;
  }

  /** Rounds every weight, so the artifact is short and loads back to exactly this model. */
  round(significantDigits: number): void {
    const round = (value: number): number => Number(value.toPrecision(significantDigits));
    this.weights.forEach((weight, index) => {
      this.weights[index] = round(weight);
    });
    this.bias = round(this.bias);
  }
}

/** Trains a model from scratch: deterministic for a given example order and options. */
export function train(examples: readonly LabelledMessage[], options: TrainOptions): SpamClassifier {
  const model = SpamClassifier.empty({ hashBits: options.hashBits, scales: options.scales }, options.l2);
  const vectors = examples.map((example) => model.vectorize(example.message));
  const labels = examples.map((example) => example.spam);
  model.fitAdaGrad(vectors, labels, options);
  if (options.maxFeatures !== undefined) {
    // Prune, then train again on the kept slots only: the survivors take over what the
    // dropped weights did, which post-hoc pruning alone loses.
    const kept = model.largestWeights(options.maxFeatures);
    model.reset();
    model.fitAdaGrad(vectors, labels, options, kept);
  }
  if (options.significantDigits !== undefined) model.round(options.significantDigits);
  return model;
}
