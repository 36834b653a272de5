// model.json: the trained weights plus the threshold chosen for them and how they were made.
import { z } from 'zod';
import { SpamClassifier, type ModelJson } from './classifier.js';

const artifactSchema = z.object({
  about: z.object({
    dataset: z.string(),
    trainedOn: z.number().int(),
    validatedOn: z.number().int(),
    maxValidationFpr: z.number(),
    command: z.string(),
  }),
  /** Flag a message when its score is strictly above this. */
  threshold: z.number().min(0).max(1),
  model: z.unknown(),
});

export type ArtifactAbout = z.infer<typeof artifactSchema>['about'];

export interface SpamModelArtifact {
  readonly about: ArtifactAbout;
  readonly threshold: number;
  readonly model: ModelJson;
}

export interface LoadedSpamModel {
  readonly about: ArtifactAbout;
  readonly threshold: number;
  readonly classifier: SpamClassifier;
}

export function parseArtifact(json: unknown): LoadedSpamModel {
  const artifact = artifactSchema.parse(json);
  return {
    about: artifact.about,
    threshold: artifact.threshold,
    classifier: SpamClassifier.fromJSON(artifact.model),
  };
}
