// The profanity matcher: obscenity's English dataset (patterns written against evasions, with
// a whitelist of innocent words) and bad-words' list (exact words), both compiled once at
// module load, run over the variants of normalize.ts so that leetspeak, look-alikes, spacing,
// accents and elongations are already folded.
//
// obscenity's matcher runs ~120 regular expressions per call (tens of microseconds for one
// message), too slow for every message: its patterns are also compiled into one gate
// expression, and the matcher runs only on the stretches of a variant where the gate fires.
// bad-words' own isProfane builds ~900 expressions per call: its list becomes one Set of words
// and one expression for its few phrases instead.
import { Filter } from 'bad-words';
import {
  englishDataset,
  englishRecommendedTransformers,
  RegExpMatcher,
  SyntaxKind,
  type Node,
  type ParsedPattern,
} from 'obscenity';
import { AhoCorasick } from './aho-corasick.js';
import { isLetterCode } from './char-classes.js';
import { normalize, normalizeTerm, type NormalizedText } from './normalize.js';
import { InnocenceJudge, type Site } from './innocence.js';
import {
  atLeast,
  MILD_STEMS,
  NOT_PROFANE,
  SLUR_STEMS,
  STRONG_STEMS,
  SEVERITIES,
  severityOf,
  type Severity,
} from './profanity-tables.js';

export interface ProfanityMatch {
  /** The listed word: "fuck" for "f.u.c.k" or "motherfucking". */
  word: string;
  /** The word (or phrase) of the folded message it was found in. */
  found: string;
  severity: Severity;
  source: 'obscenity' | 'bad-words';
}

export interface ProfanityFilter {
  /** Normalized words never flagged, whether written alone or found as a part ("shit" allows "bullshit"). */
  allow?: ReadonlySet<string>;
  minSeverity?: Severity;
}

// ---- obscenity ------------------------------------------------------------------------------

const dataset = englishDataset.build();
const obscenity = new RegExpMatcher({ ...dataset, ...englishRecommendedTransformers });
const GATE_SOURCE = compileGate(dataset.blacklistedTerms.map((t) => t.pattern));
const GATE_ALL = new RegExp(GATE_SOURCE, 'g');
/** Context kept on each side of a gate hit: obscenity's longest whitelisted term. */
const WINDOW_MARGIN = Math.max(...(dataset.whitelistedTerms ?? []).map((t) => t.length), 16);

/**
 * One expression matching wherever any pattern could: each letter may repeat (obscenity
 * collapses repeats, our variants keep up to two) and a wildcard may stand for up to two
 * characters. Patterns are grouped by their first letter, which makes the expression about a
 * third faster than a flat alternation. Linear: variants hold no run of more than two equal letters.
 */
function compileGate(patterns: readonly ParsedPattern[]): string {
  const node = (n: Node): string => {
    switch (n.kind) {
      case SyntaxKind.Literal:
        return String.fromCodePoint(...n.chars)
          .split('')
          .map((c) => (c >= 'a' && c <= 'z' ? `${c}+` : escapeRegExp(c)))
          .join('');
      case SyntaxKind.Optional:
        return n.childNode.kind === SyntaxKind.Wildcard ? '.{0,2}' : `(?:${node(n.childNode)})?`;
      case SyntaxKind.Wildcard:
        return '.{1,2}';
    }
  };
  const byFirstLetter = new Map<string, string[]>();
  const others: string[] = [];
  for (const p of patterns) {
    const source =
      (p.requireWordBoundaryAtStart ? '\\b' : '') +
      p.nodes.map(node).join('') +
      (p.requireWordBoundaryAtEnd ? '\\b' : '');
    const lead = /^((?:\\b)?[a-z]\+)(.*)$/.exec(source);
    if (!lead) {
      others.push(`(?:${source})`);
      continue;
    }
    const [, first = '', rest = ''] = lead;
    byFirstLetter.set(first, [...(byFirstLetter.get(first) ?? []), `(?:${rest})`]);
  }
  const groups = [...byFirstLetter].map(([first, rests]) => `${first}(?:${rests.join('|')})`);
  return [...groups, ...others].join('|');
}

/**
 * At most this many stretches of one message go through obscenity's matcher (a call costs
 * tens of microseconds), and this many gate hits are looked at: enough for any message a
 * person writes, bounded for one written to be slow. bad-words' list still sees every word.
 */
const MAX_WINDOWS = 8;
const MAX_GATE_HITS = 200;

interface Budget {
  windows: number;
  hits: number;
}

const SEVERITY_OF_WORD = new Map<string, Severity>();
function severityOfWord(word: string): Severity {
  let severity = SEVERITY_OF_WORD.get(word);
  if (severity === undefined) SEVERITY_OF_WORD.set(word, (severity = severityOf(word)));
  return severity;
}

/**
 * obscenity's matches in the stretches of a variant around gate hits: each hit with
 * `WINDOW_MARGIN` characters of context on both sides, widened to whole words where the words
 * are of a sane length, otherwise cut and padded with a word character (so that a pattern
 * anchored to a word boundary cannot match at the cut). Hits with the same surroundings are
 * looked at once: "fuck fuck fuck …" costs one call, whatever its length.
 */
function obscenityMatches(variant: string, innocence: Innocence, out: Found[], budget: Budget): void {
  const seen = new Set<string>();
  // A hit this far inside the last window had its full context there: nothing more to learn.
  let lookedFrom = 0;
  let lookedTo = 0;
  GATE_ALL.lastIndex = 0;
  for (
    let m = GATE_ALL.exec(variant);
    m && budget.windows > 0 && budget.hits > 0;
    m = GATE_ALL.exec(variant)
  ) {
    budget.hits--;
    const hitStart = m.index;
    const hitEnd = m.index + m[0].length;
    // Look again from the next character: a skipped hit must not hide one overlapping it.
    GATE_ALL.lastIndex = hitStart + 1;
    if (hitStart >= lookedFrom && hitEnd <= lookedTo) continue;
    if (innocence.covers(hitStart, hitEnd)) continue;
    const from = widen(variant, hitStart - WINDOW_MARGIN, -1);
    const to = widen(variant, hitEnd + WINDOW_MARGIN, 1);
    lookedFrom = Math.min(hitStart, from + WINDOW_MARGIN);
    lookedTo = Math.max(hitEnd, to - WINDOW_MARGIN);
    // Patterns and whitelisted terms fit in the margins: equal surroundings, equal matches.
    const near = variant.slice(Math.max(0, hitStart - WINDOW_MARGIN), hitEnd + WINDOW_MARGIN);
    if (seen.has(near)) continue;
    seen.add(near);
    budget.windows--;
    const padStart = from > 0 && variant[from - 1] !== ' ' ? '_' : '';
    const padEnd = to < variant.length && variant[to] !== ' ' ? '_' : '';
    const window = padStart + variant.slice(from, to) + padEnd;
    const offset = from - padStart.length;
    for (const payload of obscenity.getAllMatches(window)) {
      const { phraseMetadata } = englishDataset.getPayloadWithPhraseMetadata(payload);
      if (!phraseMetadata) continue;
      // obscenity's end index is inclusive.
      const start = Math.max(from, offset + payload.startIndex);
      const end = Math.min(to, offset + payload.endIndex + 1);
      if (innocence.covers(start, end)) continue;
      const word = phraseMetadata.originalWord;
      const severity = severityOfWord(word);
      out.push({
        match: { word, found: enclosingWord(variant, start, end), severity, source: 'obscenity' },
        site: { word, variant, start, end, severity },
      });
    }
  }
}

const MAX_WORD_WIDENING = 16;

/** Moves a window edge outwards to a space, by at most `MAX_WORD_WIDENING` characters. */
function widen(s: string, at: number, step: -1 | 1): number {
  let i = Math.min(Math.max(at, 0), s.length);
  for (let moved = 0; moved < MAX_WORD_WIDENING; moved++) {
    if (step < 0 ? i === 0 || s[i - 1] === ' ' : i === s.length || s[i] === ' ') return i;
    i += step;
  }
  return i;
}

// ---- bad-words ------------------------------------------------------------------------------

interface CompiledList {
  words: ReadonlyMap<string, Severity>;
  /** Phrases by their letters without separators ("blowjob" for "blow job"). */
  phrases: ReadonlyMap<string, string>;
  phrase: RegExp;
}

const LIST = compileList(new Filter().list);

function compileList(entries: readonly string[]): CompiledList {
  const words = new Map<string, Severity>();
  const phrases = new Map<string, string>();
  for (const entry of entries) {
    const raw = entry.toLowerCase().replaceAll('*', '').replace(/;$/, '').trim();
    if (!raw || NOT_PROFANE.has(raw)) continue;
    const forms = normalize(raw).variants;
    const term = forms[1] ?? forms[0] ?? '';
    if (NOT_PROFANE.has(term)) continue;
    if (/^[a-z]+$/.test(term)) {
      words.set(term, severityOf(term));
    } else {
      const parts = term.split(/[ _.-]+/);
      if (parts.length > 1 && parts.every((p) => /^[a-z]+$/.test(p)))
        phrases.set(parts.join(''), parts.join(' '));
    }
  }
  const sources = [...phrases.values()].map((p) => p.split(' ').join('[ _.-]?'));
  return { words, phrases, phrase: new RegExp(`\\b(?:${sources.join('|')})\\b`, 'g') };
}

const WORDS = /[a-z]+/g;
const MIN_SQUEEZED_WORD = 4;

function listMatches(text: NormalizedText, innocence: readonly Innocence[], out: Found[]): void {
  const { variants, firstSqueezed } = text;
  for (let v = 0; v < variants.length; v++) {
    const variant = variants[v] as string;
    // Cutting elongations to one letter turns "cooook" into "cok": trust it for longer words only.
    const minLength = v >= firstSqueezed ? MIN_SQUEEZED_WORD : 1;
    const seen = new Set<string>();
    WORDS.lastIndex = 0;
    for (let m = WORDS.exec(variant); m; m = WORDS.exec(variant)) {
      const word = m[0];
      if (word.length < minLength || seen.has(word)) continue;
      const severity = LIST.words.get(word);
      if (severity !== undefined && !(innocence[v] as Innocence).covers(m.index, m.index + word.length)) {
        seen.add(word);
        out.push({
          match: { word, found: word, severity, source: 'bad-words' },
          site: { variant, start: m.index, end: m.index + word.length, severity },
        });
      }
    }
  }
  for (let v = 0; v < firstSqueezed; v++) maskedMatches(variants[v] as string, out);
  if (LIST.phrases.size === 0) return;
  const all = variants.join('\n');
  LIST.phrase.lastIndex = 0;
  for (let m = LIST.phrase.exec(all); m; m = LIST.phrase.exec(all)) {
    const compact = m[0].replace(/[ _.-]/g, '');
    // Written as one word, the word pass has it already.
    if (compact === m[0] && LIST.words.has(compact)) continue;
    const phrase = LIST.phrases.get(compact);
    if (phrase !== undefined)
      out.push({ match: { word: phrase, found: m[0], severity: severityOf(phrase), source: 'bad-words' } });
  }
}

const MASKED_VOWELS = ['a', 'e', 'i', 'o', 'u', 'y'] as const;
const MASKS = /[*#]/g;

/** Self-censored words: one masked vowel ("c*nt", "wh*re"). Found from each mask outwards: linear. */
function maskedMatches(variant: string, out: Found[]): void {
  if (!variant.includes('*') && !variant.includes('#')) return;
  MASKS.lastIndex = 0;
  for (let m = MASKS.exec(variant); m; m = MASKS.exec(variant)) {
    const at = m.index;
    let from = at;
    let to = at + 1;
    while (from > 0 && at - from < MAX_WORD_REACH && isAsciiLetterCode(variant.charCodeAt(from - 1))) from--;
    while (to < variant.length && to - at < MAX_WORD_REACH && isAsciiLetterCode(variant.charCodeAt(to))) to++;
    if (from === at || to === at + 1) continue;
    const before = variant.slice(from, at);
    const after = variant.slice(at + 1, to);
    for (const vowel of MASKED_VOWELS) {
      const word = before + vowel + after;
      const severity = LIST.words.get(word);
      if (severity !== undefined) {
        out.push({ match: { word, found: variant.slice(from, to), severity, source: 'bad-words' } });
        break;
      }
    }
  }
}

function isAsciiLetterCode(code: number): boolean {
  return code >= 97 && code <= 122;
}

// ---- innocence ------------------------------------------------------------------------------

/** Longer runs of letters are no words: a word is looked for this far at most on each side. */
const MAX_WORD_REACH = 40;

/** The word(s) around [start, end): from the letter run before it to the one after it. */
function enclosingWord(s: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && start - from < MAX_WORD_REACH && isLetterCode(s.charCodeAt(from - 1))) from--;
  while (to < s.length && to - end < MAX_WORD_REACH && isLetterCode(s.charCodeAt(to))) to++;
  return s.slice(from, to);
}

/**
 * Innocent words containing a profane pattern of obscenity's dataset (its own whitelist), found
 * in one pass over a variant, on the first question. Everything else innocent is judged by the
 * rules of innocence.ts, once a match is found.
 */
const INNOCENT = new AhoCorasick(dataset.whitelistedTerms ?? []);

class Innocence {
  private readonly variant: string;
  private stretches: [number, number][] | undefined;

  constructor(variant: string) {
    this.variant = variant;
  }

  /** Whether [start, end) lies inside an innocent word or phrase. */
  covers(start: number, end: number): boolean {
    if (this.stretches === undefined) {
      const stretches: [number, number][] = [];
      INNOCENT.scan(this.variant, (_id, from, to) => {
        stretches.push([from, to]);
        return false;
      });
      this.stretches = stretches;
    }
    return this.stretches.some(([from, to]) => from <= start && to >= end);
  }
}

/** A match, and where it was found when innocence rules may judge it (not masked words or phrases). */
interface Found {
  match: ProfanityMatch;
  site?: Site;
}

const STEMS = new Set<string>([...SLUR_STEMS, ...STRONG_STEMS, ...MILD_STEMS]);

/** A word of the lists or a listed stem: what a profane compound may be made of. */
function isListedWord(word: string): boolean {
  return LIST.words.has(word) || STEMS.has(word);
}

// ---- the matcher ----------------------------------------------------------------------------

/**
 * Every profane word in a normalized message, once per listed word and place found, strongest
 * first; with a filter, only those at or above its severity and not allowed.
 */
export function findProfanity(text: NormalizedText, filter: ProfanityFilter = {}): ProfanityMatch[] {
  const raw: Found[] = [];
  const innocence = text.variants.map((v) => new Innocence(v));
  listMatches(text, innocence, raw);
  // obscenity collapses repeated letters itself: the squeezed variants would add nothing.
  const budget: Budget = { windows: MAX_WINDOWS, hits: MAX_GATE_HITS };
  for (let v = 0; v < text.firstSqueezed; v++) {
    obscenityMatches(text.variants[v] as string, innocence[v] as Innocence, raw, budget);
  }
  const seen = new Set<string>();
  const matches: ProfanityMatch[] = [];
  let judge: InnocenceJudge | undefined;
  for (const { match: m, site } of raw) {
    const key = `${m.word}\n${m.found}`;
    if (seen.has(key)) continue;
    if (site) {
      judge ??= new InnocenceJudge(text.original, isListedWord);
      if (judge.isInnocent(site)) continue;
    }
    seen.add(key);
    matches.push(m);
  }
  matches.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
  return filterProfanity(matches, filter);
}

export function filterProfanity(
  matches: readonly ProfanityMatch[],
  filter: ProfanityFilter,
): ProfanityMatch[] {
  const { allow, minSeverity = 'mild' } = filter;
  return matches.filter(
    (m) => atLeast(m.severity, minSeverity) && !(allow && (allow.has(m.word) || allow.has(m.found))),
  );
}

/** Convenience for a single text: whether it holds profanity at or above a severity. */
export function isProfane(text: string, minSeverity: Severity = 'mild'): boolean {
  return findProfanity(normalize(text), { minSeverity }).length > 0;
}

/** Allowed words as the matcher compares them. */
export function allowSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(normalizeTerm).filter((w) => w.length > 0));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
