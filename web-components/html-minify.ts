// A Vite plugin for the widgets' build: in Lit's html`…` templates, each line break and the
// indentation after it becomes one space. Outside preformatted text a browser renders a run of
// white space as one space anyway, so nothing shown changes; the source keeps its readable layout
// (a few hundred gzipped bytes a widget; <hub-chat> is built to a budget). Only the template's
// own text changes: `${…}` expressions are copied as written. A template holding <pre> or
// <textarea>, where white space is content, is left as written, and so is any file the scanner
// cannot follow to the end (it then changes nothing rather than guess).
import type { Plugin } from 'vite';

const KEEP_AS_WRITTEN = /<pre|<textarea/;

/** Reads a template literal starting after its opening backtick; returns its end (after the closing one). */
function scanTemplate(code: string, start: number, minify: boolean, out: string[]): number {
  let i = start;
  let text = '';
  const parts: string[] = [];
  const flushText = () => {
    parts.push(text);
    text = '';
  };
  for (;;) {
    if (i >= code.length) throw new Error('unterminated template');
    const ch = code[i] as string;
    if (ch === '\\') {
      text += code.slice(i, i + 2);
      i += 2;
    } else if (ch === '`') {
      flushText();
      i += 1;
      break;
    } else if (ch === '$' && code[i + 1] === '{') {
      flushText();
      const expression: string[] = [];
      i = scanExpression(code, i + 2, expression);
      parts.push(`\${${expression.join('')}}`);
    } else {
      text += ch;
      i += 1;
    }
  }
  // parts alternate: text, expression, text, … (texts at even indexes)
  const whole = parts.filter((_, k) => k % 2 === 0).join('');
  const squeeze = minify && !KEEP_AS_WRITTEN.test(whole);
  out.push(parts.map((p, k) => (k % 2 === 0 && squeeze ? p.replace(/\n[ \t]*/g, ' ') : p)).join(''));
  return i;
}

/** Reads a `${…}` expression after its `${`; returns the index after its closing brace. */
function scanExpression(code: string, start: number, out: string[]): number {
  let depth = 1;
  let i = start;
  while (i < code.length) {
    const ch = code[i] as string;
    if (ch === "'" || ch === '"') {
      const end = skipString(code, i, ch);
      out.push(code.slice(i, end));
      i = end;
    } else if (ch === '`') {
      const nested: string[] = [];
      const isHtml = /\bhtml\s*$/.test(out.join('').slice(-12));
      i = scanTemplate(code, i + 1, isHtml, nested);
      out.push(`\`${nested.join('')}\``);
    } else if (ch === '/' && (code[i + 1] === '/' || code[i + 1] === '*')) {
      throw new Error('comment inside a template expression');
    } else {
      if (ch === '{') depth += 1;
      if (ch === '}') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      out.push(ch);
      i += 1;
    }
  }
  throw new Error('unterminated expression');
}

function skipString(code: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < code.length) {
    if (code[i] === '\\') i += 2;
    else if (code[i] === quote) return i + 1;
    else if (code[i] === '\n') throw new Error('unterminated string');
    else i += 1;
  }
  throw new Error('unterminated string');
}

/** Every html`…` template of a module with its line breaks squeezed; the module unchanged if unsure. */
export function minifyHtmlTemplates(code: string): string {
  try {
    let result = '';
    let from = 0;
    const start = /\bhtml`/g;
    for (let m = start.exec(code); m; m = start.exec(code)) {
      const open = m.index + m[0].length;
      const out: string[] = [];
      const end = scanTemplate(code, open, true, out);
      result += `${code.slice(from, open)}${out.join('')}\``;
      from = end;
      start.lastIndex = end;
    }
    return result + code.slice(from);
  } catch {
    return code;
  }
}

export function htmlTemplates(): Plugin {
  return {
    name: 'hubbub-html-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/web-components\/.*\.ts$/.test(id) || !code.includes('html`')) return null;
      return { code: minifyHtmlTemplates(code), map: null };
    },
  };
}
