// Scores one message: every component with its reasons, and the combined risk (risk.ts says how).
// Pure: the caller reads the message, the author's standing and the current model.
import { findLinks, findProfanity, normalize } from '../../automod/index.js';
import { countCapitals } from '../../automod/caps.js';
import { countMentions } from '../../automod/mentions.js';
import type { LoadedSpamModel } from '../artifact.js';
import { scoreSpam } from '../spam-scorer.js';
import {
  combineRisk,
  heuristicsRisk,
  longestRun,
  profanityRisk,
  spamRisk,
  trustOf,
  type Component,
  type Trust,
  type TrustInput,
} from './risk.js';

export interface ScoreSheet {
  risk: number;
  /** Risk before the trust factor. */
  content: number;
  /** The spam model's version (0: the shipped model.json). */
  modelVersion: number;
  spam: Component & { probability: number };
  profanity: Component;
  heuristics: Component;
  trust: Trust;
}

export interface VersionedModel {
  version: number;
  model: LoadedSpamModel;
}

export function scoreMessage(
  body: string,
  author: TrustInput,
  { version, model }: VersionedModel,
): ScoreSheet {
  const spamScore = scoreSpam(body, model);
  const spam = {
    ...spamRisk(spamScore.score, model.threshold, spamScore.reasons),
    probability: spamScore.score,
  };
  const profanity = profanityRisk(findProfanity(normalize(body)));
  const caps = countCapitals(body);
  const heuristics = heuristicsRisk({
    links: findLinks(body).length,
    letters: caps.letters,
    capitals: caps.capitals,
    longestRun: longestRun(body),
    mentions: countMentions(body),
  });
  const trust = trustOf(author);
  return {
    ...combineRisk({ spam, profanity, heuristics, trust }),
    modelVersion: version,
    spam,
    profanity,
    heuristics,
    trust,
  };
}

/** The reasons a moderator reads first: the components that carried the risk, strongest first. */
export function summary(sheet: ScoreSheet): string {
  const parts = [
    ['spam', sheet.spam],
    ['profanity', sheet.profanity],
    ['heuristics', sheet.heuristics],
  ] as const;
  const carried = parts
    .filter(([, c]) => c.risk > 0.05)
    .sort((a, b) => b[1].risk - a[1].risk)
    .map(([name, c]) => `${name} ${c.risk.toFixed(2)}`);
  return `risk ${sheet.risk.toFixed(2)}: ${carried.join(', ') || 'no single strong signal'}; trust ×${sheet.trust.factor}`;
}
