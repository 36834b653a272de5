// AutoMod's public surface: the engine, its configuration schema, and the matchers it is built
// from for whoever needs one alone (the review queue, a preview of a rule).
export { AutoMod, type AutoModContext, type AutoModMessage, type AutoModOptions } from './engine.js';
export type { Decision, Reason, TriggeredAction, Verdict } from './decision.js';
export {
  actionSchema,
  autoModConfigSchema,
  parseAutoModConfig,
  ruleSchema,
  type Action,
  type AutoModConfig,
  type AutoModConfigInput,
  type Rule,
  type RuleKind,
} from './rules.js';
export { normalize, normalizeTerm, type NormalizedText } from './normalize.js';
export { findProfanity, isProfane, type ProfanityMatch } from './profanity.js';
export { SEVERITIES, type Severity } from './profanity-tables.js';
export { findLinks, hostAllowed } from './links.js';
export { patternProblem } from './safe-regex.js';
export type { MentionSet } from './mentions.js';
