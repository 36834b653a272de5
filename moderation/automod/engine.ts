// AutoMod: a community's rules compiled once (matchers, automata, regular expressions), then
// checked synchronously against each message on the gateway's message path. No I/O: the text
// is normalized once, and only if a rule needs it, whatever the number of rules. Flood and duplicate rules keep per-user state in memory
// (bounded; see user-windows.ts), so an engine lives as long as its configuration on one node;
// the clock is injectable for tests and replays.
import { countCapitals } from './caps.js';
import {
  CATEGORIES,
  CATEGORY_NAMES,
  categoryOfWord,
  caughtAt,
  findAggression,
  spamFinding,
  type Category,
  type Finding,
} from './categories.js';
import { decide, type Breach, type Decision } from './decision.js';
import { KeywordMatcher } from './keywords.js';
import { findLinks, hostAllowed } from './links.js';
import { countMentions, type MentionSet } from './mentions.js';
import { normalize, type NormalizedText } from './normalize.js';
import { allowSet, filterProfanity, findProfanity, type ProfanityMatch } from './profanity.js';
import {
  parseAutoModConfig,
  type Action,
  type AutoModConfig,
  type AutoModConfigInput,
  type Rule,
} from './rules.js';
import { PatternSet } from './safe-regex.js';
import { DuplicateTracker, FloodTracker } from './user-windows.js';

export interface AutoModMessage {
  body: string;
  authorId: string;
  channelId: string;
  /** The hub's parse of the body's mentions, when it has one. */
  mentions?: MentionSet;
}

/** An uploaded file: its type sniffed from the bytes, and its name. */
export interface AutoModFile {
  contentType: string;
  name: string;
}

export interface AutoModContext {
  /** The author's roles in the community. */
  roleIds: readonly string[];
}

export interface AutoModOptions {
  /** Milliseconds since the epoch; `check` uses it unless given a time. */
  clock?: () => number;
  /** Users each flood or duplicate rule remembers at most. */
  maxTrackedUsers?: number;
}

const DEFAULT_MAX_TRACKED_USERS = 10_000;
const MAX_DETAIL_TEXT = 80;

/** What rules look at, each part computed on first use and once per message. */
class Subject {
  readonly message: AutoModMessage;
  readonly now: number;
  /** An upload being checked (checkFile): only the file-type rules look at it. */
  file: AutoModFile | undefined;
  private normalizedText: NormalizedText | undefined;
  private profanityMatches: ProfanityMatch[] | undefined;
  private linkHosts: string[] | undefined;

  constructor(message: AutoModMessage, now: number) {
    this.message = message;
    this.now = now;
  }

  get normalized(): NormalizedText {
    this.normalizedText ??= normalize(this.message.body);
    return this.normalizedText;
  }

  get profanity(): ProfanityMatch[] {
    this.profanityMatches ??= findProfanity(this.normalized);
    return this.profanityMatches;
  }

  get links(): string[] {
    this.linkHosts ??= findLinks(this.message.body);
    return this.linkHosts;
  }
}

interface CompiledRule {
  name: string;
  kind: Rule['kind'];
  actions: readonly Action[];
  exemptRoles: ReadonlySet<string>;
  exemptChannels: ReadonlySet<string>;
  /** What the message breaks, or undefined. */
  test: (subject: Subject) => string | undefined;
  trackedUsers?: () => number;
}

export class AutoMod {
  readonly config: AutoModConfig;
  private readonly rules: readonly CompiledRule[];
  /** The categories with a level above 0, or none. */
  private readonly levels: readonly (readonly [Category, number])[];
  private readonly clock: () => number;

  /** Validates the configuration (throws a ZodError) and compiles its enabled rules. */
  constructor(config: AutoModConfigInput, options: AutoModOptions = {}) {
    this.config = parseAutoModConfig(config);
    this.clock = options.clock ?? Date.now;
    const maxUsers = options.maxTrackedUsers ?? DEFAULT_MAX_TRACKED_USERS;
    this.rules = this.config.rules.filter((r) => r.enabled).map((r) => compile(r, maxUsers));
    this.levels = CATEGORIES.map((c) => [c, this.config.levels[c]] as const).filter(([, level]) => level > 0);
  }

  check(message: AutoModMessage, context: AutoModContext, now: number = this.clock()): Decision {
    const subject = new Subject(message, now);
    const breaches = this.breaches(subject, context, (rule) => rule.kind !== 'file_types');
    if (this.levels.length > 0) this.checkLevels(subject, breaches);
    return decide(breaches);
  }

  /** An upload against the file-type rules alone: no other rule (flood, duplicates) counts it. */
  checkFile(
    file: AutoModFile,
    where: { authorId: string; channelId: string },
    context: AutoModContext,
  ): Decision {
    const subject = new Subject({ body: '', ...where }, this.clock());
    subject.file = file;
    return decide(this.breaches(subject, context, (rule) => rule.kind === 'file_types'));
  }

  private breaches(
    subject: Subject,
    context: AutoModContext,
    applies: (rule: CompiledRule) => boolean,
  ): Breach[] {
    const breaches: Breach[] = [];
    for (const rule of this.rules) {
      if (!applies(rule) || rule.exemptChannels.has(subject.message.channelId)) continue;
      if (rule.exemptRoles.size > 0 && context.roleIds.some((r) => rule.exemptRoles.has(r))) continue;
      const detail = rule.test(subject);
      if (detail !== undefined)
        breaches.push({ rule: rule.name, kind: rule.kind, detail, actions: rule.actions });
    }
    return breaches;
  }

  /**
   * One reason per category whose level catches a finding, the strongest finding named; the
   * level actions are taken once, whatever the number of categories.
   */
  private checkLevels(subject: Subject, breaches: Breach[]): void {
    const levels = new Map(this.levels);
    const caught = new Map<Category, Finding>();
    const consider = (finding: Finding) => {
      const level = levels.get(finding.category);
      if (level === undefined || !caughtAt(level, finding.strength)) return;
      const known = caught.get(finding.category);
      if (!known || known.strength < finding.strength) caught.set(finding.category, finding);
    };
    if (
      levels.has('identity') ||
      levels.has('sexual') ||
      levels.has('aggression') ||
      levels.has('profanity')
    ) {
      for (const m of subject.profanity) consider({ ...categoryOfWord(m), what: quote(m.word) });
    }
    if (levels.has('aggression'))
      for (const f of findAggression(subject.normalized)) consider({ ...f, what: quote(f.what) });
    if (levels.has('spam')) {
      const finding = spamFinding({
        body: subject.message.body,
        normalized: subject.normalized,
        links: subject.links,
        mentions: countMentions(subject.message.body, subject.message.mentions),
      });
      if (finding) consider(finding);
    }
    let first = true;
    for (const category of CATEGORIES) {
      const finding = caught.get(category);
      if (!finding) continue;
      breaches.push({
        rule: `level:${category}`,
        kind: 'category',
        detail: `${CATEGORY_NAMES[category]} (level ${levels.get(category)}): ${finding.what}, strength ${finding.strength}`,
        actions: first ? this.config.levelActions : [],
      });
      first = false;
    }
  }

  /** Users remembered by the flood and duplicate rules, all together: for metrics and tests. */
  trackedUsers(): number {
    return this.rules.reduce((sum, r) => sum + (r.trackedUsers?.() ?? 0), 0);
  }
}

function compile(rule: Rule, maxUsers: number): CompiledRule {
  const base = {
    name: rule.name,
    kind: rule.kind,
    actions: rule.actions,
    exemptRoles: new Set(rule.exemptRoleIds),
    exemptChannels: new Set(rule.exemptChannelIds),
  };
  switch (rule.kind) {
    case 'keyword': {
      const matcher = new KeywordMatcher(rule.keywords, rule.allow);
      return {
        ...base,
        test: (s) => {
          const hit = matcher.find(s.normalized);
          return hit ? `keyword ${quote(hit.keyword)} in ${quote(hit.found)}` : undefined;
        },
      };
    }
    case 'regex': {
      const patterns = new PatternSet(rule.patterns, rule.allow);
      return {
        ...base,
        test: (s) => {
          const hit = patterns.find(s.normalized.base);
          return hit ? `pattern ${quote(hit.pattern)} matched ${quote(hit.match)}` : undefined;
        },
      };
    }
    case 'profanity': {
      const filter = { allow: allowSet(rule.allow), minSeverity: rule.minSeverity };
      return {
        ...base,
        test: (s) => {
          const found = filterProfanity(s.profanity, filter);
          if (found.length === 0) return undefined;
          const words = [...new Set(found.map((m) => `${m.severity} ${quote(m.word)}`))];
          return `profanity: ${words.slice(0, 3).join(', ')}`;
        },
      };
    }
    case 'mentions':
      return {
        ...base,
        test: (s) => {
          const count = countMentions(s.message.body, s.message.mentions);
          return count > rule.maxMentions ? `${count} mentions (at most ${rule.maxMentions})` : undefined;
        },
      };
    case 'links': {
      const { policy, domains } = rule;
      return {
        ...base,
        test: (s) => {
          if (policy === 'allow_all') return undefined;
          const host = policy === 'block_all' ? s.links[0] : s.links.find((h) => !hostAllowed(h, domains));
          if (host === undefined) return undefined;
          return `link to ${quote(host)}${policy === 'allow_listed' ? ', not an allowed domain' : ''}`;
        },
      };
    }
    case 'caps':
      return {
        ...base,
        test: (s) => {
          const { letters, capitals } = countCapitals(s.message.body);
          if (letters < rule.minLetters || capitals / letters <= rule.maxRatio) return undefined;
          return `${Math.round((100 * capitals) / letters)}% capitals (at most ${Math.round(100 * rule.maxRatio)}%)`;
        },
      };
    case 'duplicates': {
      const tracker = new DuplicateTracker(rule.times, { windowMs: rule.windowMs, maxUsers });
      return {
        ...base,
        trackedUsers: () => tracker.trackedUsers,
        test: (s) => {
          const times = tracker.record(s.message.authorId, s.normalized.fingerprint, s.now);
          return times >= rule.times
            ? `same message ${times} times within ${seconds(rule.windowMs)}`
            : undefined;
        },
      };
    }
    case 'file_types':
      return {
        ...base,
        test: (s) =>
          s.file && typeListed(rule.types, s.file.contentType)
            ? `file type ${quote(s.file.contentType)} (${quote(s.file.name)})`
            : undefined,
      };
    case 'flood': {
      const tracker = new FloodTracker(rule.maxMessages, { windowMs: rule.windowMs, maxUsers });
      return {
        ...base,
        trackedUsers: () => tracker.trackedUsers,
        test: (s) => {
          const count = tracker.record(s.message.authorId, s.now);
          return count > rule.maxMessages
            ? `more than ${rule.maxMessages} messages within ${seconds(rule.windowMs)}`
            : undefined;
        },
      };
    }
  }
}

/** Whether a sniffed type is one of the rule's: the same type, or of a `family/*` listed. */
function typeListed(types: readonly string[], contentType: string): boolean {
  const family = `${contentType.split('/')[0] ?? ''}/*`;
  return types.includes(contentType) || types.includes(family);
}

function quote(s: string): string {
  return JSON.stringify(s.length > MAX_DETAIL_TEXT ? `${s.slice(0, MAX_DETAIL_TEXT - 1)}…` : s);
}

function seconds(ms: number): string {
  return `${ms / 1000}s`;
}
