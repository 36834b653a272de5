// Moderators' regular expressions, run by re2js: a port of RE2, whose automata match in time
// linear in the text whatever the pattern, so `(a+)+$` cannot hang the message path the way it
// hangs a backtracking engine. Patterns are refused at configuration time when invalid, long,
// too large once compiled, or able to match the empty string (they would flag every message).
// RE2 syntax: no backreferences, no lookarounds.
import { RE2JS, RE2Set } from 're2js';
import { normalizeTerm } from './normalize.js';

export const MAX_PATTERN_LENGTH = 260;
/** RE2's own measure of a compiled pattern's cost; `a{1000}` is about 1,000. */
export const MAX_PROGRAM_SIZE = 2_000;
/** Lazily built DFA states of one rule's patterns; past it RE2 falls back to its (linear) NFA. */
const SET_MEMORY_BYTES = 256 * 1024;
const FLAGS = RE2JS.CASE_INSENSITIVE;

/** Why a pattern is refused, or undefined when it may be used. */
export function patternProblem(source: string): string | undefined {
  if (source.length === 0) return 'is empty';
  if (source.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, FLAGS);
  } catch (error) {
    return `is not a valid RE2 expression (${error instanceof Error ? error.message : String(error)})`;
  }
  const size = compiled.programSize();
  if (size > MAX_PROGRAM_SIZE) return `is too complex (program size ${size}, at most ${MAX_PROGRAM_SIZE})`;
  if (matchesEmpty(compiled)) return 'can match the empty string, so it would flag every message';
  return undefined;
}

/** Whether a pattern matches an empty string, or an empty stretch of an ordinary text. */
function matchesEmpty(compiled: RE2JS): boolean {
  if (compiled.test('')) return true;
  const first = compiled.exec('a b. 1');
  return first !== null && (first[0] as string).length === 0;
}

export interface PatternHit {
  pattern: string;
  /** What the pattern matched. */
  match: string;
}

/** A rule's patterns, tested in one pass; the matched text is looked up only on a hit. */
export class PatternSet {
  private readonly sources: readonly string[];
  private readonly set: RE2Set;
  private readonly patterns: readonly RE2JS[];
  private readonly allow: ReadonlySet<string>;

  /** Throws when a pattern is refused: validate configurations first (rules.ts does). */
  constructor(sources: readonly string[], allow: readonly string[] = []) {
    for (const source of sources) {
      const problem = patternProblem(source);
      if (problem) throw new Error(`pattern ${JSON.stringify(source)} ${problem}`);
    }
    this.sources = sources;
    this.set = new RE2Set(RE2Set.UNANCHORED, FLAGS, SET_MEMORY_BYTES);
    for (const source of sources) this.set.add(source);
    this.set.compile();
    this.patterns = sources.map((s) => RE2JS.compile(s, FLAGS));
    this.allow = new Set(allow.map(normalizeTerm).filter((w) => w.length > 0));
  }

  /** The first match of any pattern whose matched text is not an allowed word. */
  find(text: string): PatternHit | undefined {
    if (this.sources.length === 0) return undefined;
    for (const index of this.set.match(text)) {
      const pattern = this.patterns[index] as RE2JS;
      for (const m of pattern.matchAll(text)) {
        const match = m[0];
        if (!this.allow.has(normalizeTerm(match))) return { pattern: this.sources[index] as string, match };
      }
    }
    return undefined;
  }
}
