// Keyword lists, matched on normalized words. A `*` at the start or end of a keyword, as in
// Discord's AutoMod, loosens where it may match:
//   cat     the word cat
//   cat*    a word starting with cat ("catalog")
//   *cat    a word ending with cat ("bobcat")
//   *cat*   cat anywhere in a word ("concatenate")
// A keyword of several words matches them in a row. Words on the allow list are never flagged.
import { AhoCorasick } from './aho-corasick.js';
import { isWordCode } from './char-classes.js';
import { normalizeTerm, type NormalizedText } from './normalize.js';

export type KeywordMode = 'word' | 'prefix' | 'suffix' | 'substring';

export interface Keyword {
  /** As configured, wildcards included. */
  keyword: string;
  /** Normalized, wildcards removed: what is searched for. */
  term: string;
  mode: KeywordMode;
}

/** A keyword's parts, or undefined when nothing is left of it once normalized. */
export function parseKeyword(keyword: string): Keyword | undefined {
  const trimmed = keyword.trim();
  const starts = trimmed.startsWith('*');
  const ends = trimmed.length > 1 && trimmed.endsWith('*');
  const term = normalizeTerm(trimmed.slice(starts ? 1 : 0, ends ? -1 : undefined));
  if (term.length === 0) return undefined;
  const mode: KeywordMode = starts ? (ends ? 'substring' : 'suffix') : ends ? 'prefix' : 'word';
  return { keyword: trimmed, term, mode };
}

export interface KeywordHit {
  keyword: string;
  /** The word (or words) of the normalized message it was found in. */
  found: string;
}

export class KeywordMatcher {
  private readonly keywords: readonly Keyword[];
  private readonly automaton: AhoCorasick;
  private readonly allow: ReadonlySet<string>;

  constructor(keywords: readonly string[], allow: readonly string[] = []) {
    this.keywords = keywords.map(parseKeyword).filter((k) => k !== undefined);
    this.automaton = new AhoCorasick(this.keywords.map((k) => k.term));
    this.allow = new Set(allow.map(normalizeTerm).filter((w) => w.length > 0));
  }

  /** The first keyword found in any variant of a message, unless in an allowed word. */
  find(text: NormalizedText): KeywordHit | undefined {
    // Variants joined by a line break, which no keyword holds: one pass for all of them.
    const all = text.variants.join('\n');
    let hit: KeywordHit | undefined;
    this.automaton.scan(all, (id, start, end) => {
      const k = this.keywords[id] as Keyword;
      const boundedStart = !isWordCharAt(all, start - 1);
      const boundedEnd = !isWordCharAt(all, end);
      const fits =
        k.mode === 'substring' ||
        (k.mode === 'word' && boundedStart && boundedEnd) ||
        (k.mode === 'prefix' && boundedStart) ||
        (k.mode === 'suffix' && boundedEnd);
      if (!fits) return false;
      const found = enclosingWords(all, start, end);
      if (this.allow.has(found)) return false;
      hit = { keyword: k.keyword, found };
      return true;
    });
    return hit;
  }
}

function isWordCharAt(s: string, i: number): boolean {
  return isWordCode(s.charCodeAt(i));
}

function enclosingWords(s: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && isWordCharAt(s, from - 1)) from--;
  while (to < s.length && isWordCharAt(s, to)) to++;
  return s.slice(from, to);
}
