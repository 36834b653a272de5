// The chat's markdown subset: what each marker makes, the safe-link policy, markers that do not
// close, and pathological bodies parsed in work proportional to their length.
import { describe, expect, it } from 'vitest';
import { parseMarkdown, safeHref, type Block, type Inline } from './markdown.js';

/** The inline nodes of a body that is one paragraph. */
const inline = (body: string): Inline[] => {
  const blocks = parseMarkdown(body);
  expect(blocks).toHaveLength(1);
  expect(blocks[0]?.kind).toBe('paragraph');
  return (blocks[0] as Extract<Block, { kind: 'paragraph' }>).children;
};

/** Every link target anywhere in the blocks. */
const hrefs = (blocks: Block[]): string[] => {
  const out: string[] = [];
  const walk = (nodes: Inline[]) => {
    for (const n of nodes) {
      if (typeof n === 'string' || n.kind === 'code' || n.kind === 'mention') continue;
      if (n.kind === 'link') out.push(n.href);
      walk(n.children);
    }
  };
  for (const b of blocks) if (b.kind !== 'code') walk(b.children);
  return out;
};

describe('markdown', () => {
  it('formats bold, italics, strike, inline code and mentions', () => {
    expect(inline('a **b** *c* _d_ ~~e~~ `f *g*` <@u-1>')).toEqual([
      'a ',
      { kind: 'strong', children: ['b'] },
      ' ',
      { kind: 'em', children: ['c'] },
      ' ',
      { kind: 'em', children: ['d'] },
      ' ',
      { kind: 'strike', children: ['e'] },
      ' ',
      { kind: 'code', text: 'f *g*' },
      ' ',
      { kind: 'mention', id: 'u-1' },
    ]);
  });

  it('nests different markers', () => {
    expect(inline('**bold _and italic_**')).toEqual([
      { kind: 'strong', children: ['bold ', { kind: 'em', children: ['and italic'] }] },
    ]);
    expect(inline('~~**x**~~')).toEqual([
      { kind: 'strike', children: [{ kind: 'strong', children: ['x'] }] },
    ]);
  });

  it('keeps markers without a closer, empty spans, snake_case and escapes as text', () => {
    expect(inline('**open *half ~~strike `tick')).toEqual(['**open *half ~~strike `tick']);
    expect(inline('**** `` __')).toEqual(['**** `` __']);
    expect(inline('call snake_case_name now')).toEqual(['call snake_case_name now']);
    expect(inline('a * b * c, window.__x and __y')).toEqual(['a * b * c, window.__x and __y']);
    expect(inline('***both***')).toEqual([
      { kind: 'strong', children: [{ kind: 'em', children: ['both'] }] },
    ]);
    expect(inline('\\*not italic\\* \\`x\\`')).toEqual(['*not italic* `x`']);
    // A marker's closer outside the span it opens in does not close it.
    expect(inline('**a ~~b** c~~')).toEqual([{ kind: 'strong', children: ['a ~~b'] }, ' c~~']);
  });

  it('makes fenced code blocks and quotes, the rest paragraphs with their line breaks', () => {
    expect(
      parseMarkdown('before\n```ts\nconst a = **1**;\n<b>x</b>\n```\nafter\nline\n> quoted *one*\n> two'),
    ).toEqual([
      { kind: 'paragraph', children: ['before'] },
      { kind: 'code', text: 'const a = **1**;\n<b>x</b>' },
      { kind: 'paragraph', children: ['after\nline'] },
      { kind: 'quote', children: ['quoted ', { kind: 'em', children: ['one'] }, '\n', 'two'] },
    ]);
    // An unclosed fence is text.
    expect(parseMarkdown('```\nno end')).toEqual([{ kind: 'paragraph', children: ['```\nno end'] }]);
  });

  it('links http, https and mailto targets, with the text as written otherwise', () => {
    expect(inline('see [the docs](https://example.com/a?b=1) or https://example.com/x.')).toEqual([
      'see ',
      { kind: 'link', href: 'https://example.com/a?b=1', children: ['the docs'] },
      ' or ',
      { kind: 'link', href: 'https://example.com/x', children: ['https://example.com/x'] },
      '.',
    ]);
    expect(hrefs(parseMarkdown('[mail](mailto:ann@example.com)'))).toEqual(['mailto:ann@example.com']);
  });

  it('never links javascript:, data:, relative or disguised targets', () => {
    const attacks = [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](\tjavascript:alert(1))',
      '[x](java\nscript:alert(1))',
      '[x](data:text/html,<script>alert(1)</script>)',
      '[x](vbscript:msgbox)',
      '[x](/relative/path)',
      '[x](//evil.example)',
      '[x](https://ok.example" onclick="alert(1))',
      '[[x](javascript:alert(1))](https://ok.example)',
      'javascript:alert(1)',
      '<a href="javascript:alert(1)">x</a>',
    ];
    for (const body of attacks) {
      for (const href of hrefs(parseMarkdown(body))) expect(href).toMatch(/^https?:\/\/ok\.example\/?$/);
    }
    expect(hrefs(parseMarkdown('[x](javascript:alert(1))'))).toEqual([]);
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('https://ok.example/p')).toBe('https://ok.example/p');
  });

  it('keeps raw HTML as text', () => {
    expect(inline('<img src=x onerror=alert(1)> <script>alert(1)</script>')).toEqual([
      '<img src=x onerror=alert(1)> <script>alert(1)</script>',
    ]);
  });

  it('parses 10,000-character pathological bodies in work proportional to their length', () => {
    const patterns = [
      '*',
      '**a',
      '_a',
      '~~',
      '`',
      '[',
      '[a](',
      '[a](javascript:',
      'http://',
      '> *',
      '```',
      'a```b```',
      '\\',
      '<@',
      '*_~`[',
    ];
    for (const unit of patterns) {
      const work = (length: number) => {
        const meter = { steps: 0 };
        parseMarkdown(unit.repeat(Math.ceil(length / unit.length)), meter);
        return meter.steps;
      };
      const small = work(10_000);
      const large = work(40_000);
      expect(small, unit).toBeLessThan(10_000 * 20);
      // Four times the input, about four times the work (a quadratic parser would do 16 times).
      expect(large / small, unit).toBeLessThan(5);
    }
  });
});
