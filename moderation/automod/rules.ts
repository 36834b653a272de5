// A community's AutoMod configuration, validated at the edge (strict objects: an unknown field
// is an error, not ignored). Everything the engine would refuse is refused here, at
// configuration time: invalid or oversized regular expressions, keywords that normalize to
// nothing, duplicate rule names.
import { z } from 'zod';
import { CATEGORIES, MAX_LEVEL, type Category } from './categories.js';
import { parseKeyword } from './keywords.js';
import { normalizeDomain } from './links.js';
import { SEVERITIES } from './profanity-tables.js';
import { patternProblem } from './safe-regex.js';

export const MAX_RULES = 50;
export const MAX_LIST_ENTRIES = 1000;
export const MAX_KEYWORD_LENGTH = 60;
export const MAX_PATTERNS = 10;
export const MAX_TIMEOUT_S = 28 * 24 * 60 * 60;
export const MAX_WINDOW_MS = 60 * 60 * 1000;
export const DEFAULT_BLOCK_REASON = "Your message was blocked by this community's AutoMod.";

const id = z.string().min(1).max(64);

export const actionSchema = z.discriminatedUnion('type', [
  /** Refuse the message; the reason is shown to its sender. */
  z.strictObject({
    type: z.literal('block'),
    reason: z.string().trim().min(1).max(200).default(DEFAULT_BLOCK_REASON),
  }),
  /** Publish it hidden and flag it for review. */
  z.strictObject({ type: z.literal('hide') }),
  /** Notify the moderators. */
  z.strictObject({ type: z.literal('alert') }),
  /** Time the sender out. */
  z.strictObject({ type: z.literal('timeout'), durationS: z.int().min(1).max(MAX_TIMEOUT_S) }),
]);

const common = {
  /** Unique within the configuration; reasons and actions name the rule by it. */
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  actions: z
    .array(actionSchema)
    .min(1)
    .max(4)
    .refine(
      (actions) => new Set(actions.map((a) => a.type)).size === actions.length,
      'each action type at most once',
    ),
  /** Members with any of these roles are not checked by the rule. */
  exemptRoleIds: z.array(id).max(100).default([]),
  /** Messages in these channels are not checked by the rule. */
  exemptChannelIds: z.array(id).max(500).default([]),
};

/** Words never flagged by the rule, normalized like messages. */
const allowList = z.array(z.string().trim().min(1).max(MAX_KEYWORD_LENGTH)).max(MAX_LIST_ENTRIES).default([]);

const keyword = z
  .string()
  .trim()
  .min(1)
  .max(MAX_KEYWORD_LENGTH)
  .refine((k) => /^\*?[^*]+\*?$/.test(k), 'may hold * only at its start and its end')
  .refine((k) => parseKeyword(k) !== undefined, 'is empty once normalized');

const pattern = z.string().superRefine((source, ctx) => {
  const problem = patternProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: `pattern ${problem}` });
});

const domain = z
  .string()
  .max(253)
  .transform(normalizeDomain)
  .pipe(
    z
      .string()
      .regex(
        /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,63}$/u,
        'must be a domain',
      ),
  );

const windowMs = z.int().min(1000).max(MAX_WINDOW_MS);

/** A file type as the hub sniffs it (`application/zip`), or a whole family (`video/*`). */
const fileType = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]+\/(?:\*|[a-z0-9][a-z0-9.+-]*)$/, 'must be a type such as application/zip, or video/*');

export const ruleSchema = z.discriminatedUnion('kind', [
  /** Keywords matched on normalized words; `*` at the start or end matches part of a word. */
  z.strictObject({
    ...common,
    kind: z.literal('keyword'),
    keywords: z.array(keyword).min(1).max(MAX_LIST_ENTRIES),
    allow: allowList,
  }),
  /** RE2 regular expressions, case-insensitive, matched on the normalized text. */
  z.strictObject({
    ...common,
    kind: z.literal('regex'),
    patterns: z.array(pattern).min(1).max(MAX_PATTERNS),
    allow: allowList,
  }),
  /** The built-in profanity lists, from a minimum severity up. */
  z.strictObject({
    ...common,
    kind: z.literal('profanity'),
    minSeverity: z.enum(SEVERITIES).default('mild'),
    allow: allowList,
  }),
  /** More than `maxMentions` distinct users, roles and @everyone/@here in one message. */
  z.strictObject({ ...common, kind: z.literal('mentions'), maxMentions: z.int().min(1).max(50) }),
  /** Links: none allowed, or only to the listed domains and their subdomains. */
  z.strictObject({
    ...common,
    kind: z.literal('links'),
    policy: z.enum(['allow_all', 'block_all', 'allow_listed']),
    domains: z.array(domain).max(500).default([]),
  }),
  /** More than `maxRatio` of the letters in capitals, in messages of at least `minLetters` letters. */
  z.strictObject({
    ...common,
    kind: z.literal('caps'),
    maxRatio: z.number().gt(0).max(1).default(0.7),
    minLetters: z.int().min(1).max(4000).default(10),
  }),
  /** The same normalized text from one user `times` times within the window. */
  z.strictObject({ ...common, kind: z.literal('duplicates'), times: z.int().min(2).max(16), windowMs }),
  /** More than `maxMessages` messages from one user within the window. */
  z.strictObject({ ...common, kind: z.literal('flood'), maxMessages: z.int().min(1).max(100), windowMs }),
  /** Uploads of these file types (sniffed from the bytes), checked when a file is uploaded. */
  z.strictObject({ ...common, kind: z.literal('file_types'), types: z.array(fileType).min(1).max(50) }),
]);

const level = z.int().min(0).max(MAX_LEVEL).default(0);

/** A level from 0 (off) to 4 (strictest) per category; every category off by default. */
export const levelsSchema = z.strictObject(
  Object.fromEntries(CATEGORIES.map((c) => [c, level])) as Record<Category, typeof level>,
);

export const DEFAULT_LEVEL_ACTIONS = [{ type: 'hide' as const }];

export const autoModConfigSchema = z
  .strictObject({
    rules: z.array(ruleSchema).max(MAX_RULES),
    /** Levels per category (categories.ts), applied besides the rules. */
    levels: levelsSchema.default(() => levelsSchema.parse({})),
    /** What a message caught by a level gets: held for review unless set otherwise. */
    levelActions: common.actions.default(() => [...DEFAULT_LEVEL_ACTIONS]),
  })
  .refine((c) => new Set(c.rules.map((r) => r.name)).size === c.rules.length, {
    message: 'rule names must be unique',
    path: ['rules'],
  })
  // An upload is no message to hold back: a file-type rule blocks, alerts or times out.
  .refine((c) => c.rules.every((r) => r.kind !== 'file_types' || r.actions.every((a) => a.type !== 'hide')), {
    message: 'file_types rules take no hide action',
    path: ['rules'],
  });

export type AutoModConfig = z.output<typeof autoModConfigSchema>;
export type AutoModConfigInput = z.input<typeof autoModConfigSchema>;
export type Rule = z.output<typeof ruleSchema>;
export type RuleKind = Rule['kind'];
export type Action = z.output<typeof actionSchema>;
export type Levels = z.output<typeof levelsSchema>;
/** What a reason names: a rule's kind, or `category` for a finding caught by a level. */
export type ReasonKind = RuleKind | 'category';

/** Validates a configuration from outside (the API, the database); throws a ZodError. */
export function parseAutoModConfig(input: unknown): AutoModConfig {
  return autoModConfigSchema.parse(input);
}
