// The markdown subset of chat messages, parsed into a tree of plain data (never HTML): **bold**,
// *italic* or _italic_, ~~strike~~, `code`, ``` fenced code blocks ```, "> " quotes, links
// ([text](url) and bare http(s) URLs) and mentions (<@id>). Links keep only http, https and
// mailto targets; any other (javascript:, data:, relative) stays as the text that was written.
// A marker without its closer is text. Linear time in the body's length whatever it holds: a
// marker's closer is its next occurrence, and the search for it resumes where the last one
// ended (see Scanner.next), so no stretch of the body is searched twice for the same marker.

export type Inline =
  | string
  | { kind: 'strong' | 'em' | 'strike'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'mention'; id: string };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'code'; text: string };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The link's target if it is absolute and http, https or mailto; otherwise undefined. */
export function safeHref(url: string): string | undefined {
  if (url === '' || /[\s<>"']/.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const MENTION = /<@&?([A-Za-z0-9_-]{1,64})>/y;
const ESCAPABLE = new Set(['\\', '*', '_', '~', '`', '[', ']', '(', ')', '>', '<']);
const WORD = /[\p{L}\p{N}]/u;
/** Characters a bare URL does not end with (sentence punctuation, closing markers). */
const URL_TAIL = /[.,:;!?'")\]*_~]+$/;

class Scanner {
  /** Per marker: the position a search started from and what it found (-1: none after it). */
  private readonly found = new Map<string, { from: number; at: number }>();
  /** The URL verdict of the last link target read, by its closing bracket's position. */
  private lastLink: { bracket: number; href: string | undefined } | undefined;
  /** Characters examined so far (searches and the scan itself): what the tests bound. */
  steps = 0;

  constructor(private readonly s: string) {}

  /**
   * The next occurrence of `marker` at or after `from`. Parsing moves left to right, so `from`
   * only grows for a marker: a search resumes from the previous answer instead of starting over.
   */
  next(marker: string, from: number): number {
    const last = this.found.get(marker);
    if (last && from >= last.from && (last.at === -1 || from <= last.at)) return last.at;
    const at = this.s.indexOf(marker, from);
    this.steps += (at < 0 ? this.s.length : at) - from;
    this.found.set(marker, { from, at });
    return at;
  }

  /** The inline nodes of s[start, end); `inLink`: no link inside a link's text. */
  inline(start: number, end: number, inLink = false): Inline[] {
    const s = this.s;
    const out: Inline[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push(text);
      text = '';
    };
    /** A span of `marker` opening at i whose content is not empty, closing before end; or -1. */
    const closer = (marker: string, i: number): number => {
      const j = this.next(marker, i + marker.length);
      return j > i + marker.length && j + marker.length <= end ? j : -1;
    };
    let i = start;
    while (i < end) {
      this.steps++;
      const c = s[i] ?? '';
      if (c === '\\' && i + 1 < end && ESCAPABLE.has(s[i + 1] ?? '')) {
        text += s[i + 1];
        i += 2;
        continue;
      }
      if (c === '`') {
        const j = closer('`', i);
        if (j > 0) {
          flush();
          out.push({ kind: 'code', text: s.slice(i + 1, j) });
          i = j + 1;
          continue;
        }
      }
      const pair = s.slice(i, i + 2);
      const span =
        pair === '**' ? 'strong' : pair === '~~' ? 'strike' : c === '*' || c === '_' ? 'em' : undefined;
      if (span) {
        const marker = span === 'em' ? c : pair;
        let j = closer(marker, i);
        // "***both***": the strong span closes on the run's last two stars, around the em.
        if (span === 'strong' && j > 0 && s[j + 2] === '*' && j + 3 <= end) j++;
        const after = i + marker.length;
        // A span hugs its text ("a * b" is not one); "_" italicizes words, not snake_case or "__".
        const hugs = j > 0 && !/\s/.test(s[after] ?? ' ') && !/\s/.test(s[j - 1] ?? ' ');
        const wordy =
          c === '_' &&
          (WORD.test(s[i - 1] ?? '') || WORD.test(s[j + 1] ?? '') || s[after] === '_' || s[j + 1] === '_');
        if (hugs && !wordy) {
          flush();
          out.push({ kind: span, children: this.inline(after, j, inLink) });
          i = j + marker.length;
          continue;
        }
        text += marker;
        i += marker.length;
        continue;
      }
      if (c === '[' && !inLink) {
        const link = this.link(i, end);
        if (link) {
          flush();
          out.push({ kind: 'link', href: link.href, children: this.inline(i + 1, link.bracket, true) });
          i = link.end;
          continue;
        }
      }
      if (
        c === 'h' &&
        !inLink &&
        (s.startsWith('https://', i) || s.startsWith('http://', i)) &&
        !WORD.test(s[i - 1] ?? '')
      ) {
        let j = i;
        while (j < end && !/[\s<]/.test(s[j] ?? '')) j++;
        this.steps += j - i;
        const url = s.slice(i, j).replace(URL_TAIL, '');
        const href = safeHref(url);
        if (href) {
          flush();
          out.push({ kind: 'link', href, children: [url] });
          i += url.length;
        } else {
          // Not a link: the whole stretch is text, so no "http" inside it is tried again.
          text += s.slice(i, j);
          i = j;
        }
        continue;
      }
      if (c === '<') {
        MENTION.lastIndex = i;
        const m = MENTION.exec(s);
        if (m && i + m[0].length <= end) {
          flush();
          out.push({ kind: 'mention', id: m[1] ?? '' });
          i += m[0].length;
          continue;
        }
      }
      text += c;
      i++;
    }
    flush();
    return out;
  }

  /** `[text](url)` opening at i with a safe url: where its text ends and it ends; else undefined. */
  private link(i: number, end: number): { bracket: number; href: string; end: number } | undefined {
    const s = this.s;
    const bracket = this.next(']', i + 1);
    if (bracket < 0 || bracket + 1 >= end || s[bracket + 1] !== '(') return undefined;
    const close = this.next(')', bracket + 2);
    if (close < 0 || close >= end) return undefined;
    if (this.lastLink?.bracket !== bracket) {
      this.lastLink = { bracket, href: safeHref(s.slice(bracket + 2, close)) };
    }
    const href = this.lastLink.href;
    return href && bracket > i + 1 ? { bracket, href, end: close + 1 } : undefined;
  }
}

/** Paragraphs and "> " quotes (consecutive quoted lines are one quote) of s[start, end). */
function textBlocks(scanner: Scanner, s: string, start: number, end: number, out: Block[]): void {
  let run: { quote: boolean; lines: [number, number][] } | undefined;
  const close = () => {
    if (!run) return;
    const children: Inline[] = [];
    for (const [from, to] of run.lines) {
      if (children.length > 0) children.push('\n');
      children.push(...scanner.inline(from, to));
    }
    if (children.length > 0) out.push({ kind: run.quote ? 'quote' : 'paragraph', children });
    run = undefined;
  };
  for (let lineStart = start; lineStart <= end;) {
    let lineEnd = scanner.next('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const quote = s.startsWith('> ', lineStart) || (s[lineStart] === '>' && lineEnd === lineStart + 1);
    if (run?.quote !== quote) close();
    run ??= { quote, lines: [] };
    const from = quote ? Math.min(lineStart + 2, lineEnd) : lineStart;
    // A paragraph is one stretch, line breaks included; a quote, its lines without their "> ".
    const last = run.lines.at(-1);
    if (!quote && last) last[1] = lineEnd;
    else run.lines.push([from, lineEnd]);
    lineStart = lineEnd + 1;
  }
  close();
}

/** The blocks of a message body; `meter` receives the work it took (for the tests). */
export function parseMarkdown(body: string, meter?: { steps: number }): Block[] {
  const scanner = new Scanner(body);
  const blocks: Block[] = [];
  let at = 0;
  for (;;) {
    const open = body.indexOf('```', at);
    const close = open < 0 ? -1 : body.indexOf('```', open + 3);
    scanner.steps += (close < 0 ? body.length : close) - at;
    if (close < 0) break;
    // The text before the fence, without the line break that ends it.
    const before = body[open - 1] === '\n' ? open - 1 : open;
    if (before > at) textBlocks(scanner, body, at, before, blocks);
    let code = body.slice(open + 3, close);
    const lang = /^[\w+-]{1,20}\n/.exec(code);
    code = code
      .slice(lang ? lang[0].length : 0)
      .replace(/^\n/, '')
      .replace(/\n$/, '');
    blocks.push({ kind: 'code', text: code });
    at = close + 3;
    if (body[at] === '\n') at++;
  }
  if (at < body.length) textBlocks(scanner, body, at, body.length, blocks);
  if (meter) meter.steps = scanner.steps;
  return blocks;
}
