import { describe, expect, it } from 'vitest';
import { minifyHtmlTemplates } from './html-minify.js';

describe('minifyHtmlTemplates', () => {
  it('turns each line break and its indentation into one space, in templates only', () => {
    const code = [
      'const a = `keep\n   this`;',
      'const b = html`<div>',
      '    <span class="x">${name}</span>',
      '  </div>`;',
    ].join('\n');
    expect(minifyHtmlTemplates(code)).toBe(
      ['const a = `keep\n   this`;', 'const b = html`<div> <span class="x">${name}</span> </div>`;'].join(
        '\n',
      ),
    );
  });

  it('copies expressions as written and squeezes the html templates nested in them', () => {
    const code =
      'html`<ul>\n  ${items.map((i) => html`<li>\n    ${i.label}\n  </li>`)}\n  ${"a\\"}`"}\n  ${`x\n  y`}\n</ul>`';
    expect(minifyHtmlTemplates(code)).toBe(
      'html`<ul> ${items.map((i) => html`<li> ${i.label} </li>`)} ${"a\\"}`"} ${`x\n  y`} </ul>`',
    );
  });

  it('keeps escapes, and templates with preformatted content as written', () => {
    const escaped = 'html`<p>\\`\n  ok</p>`';
    expect(minifyHtmlTemplates(escaped)).toBe('html`<p>\\` ok</p>`');
    const pre = 'html`<pre>\n  ${code}\n</pre>`; html`<textarea>\n</textarea>`';
    expect(minifyHtmlTemplates(pre)).toBe(pre);
  });

  it('changes nothing in a module it cannot follow', () => {
    const commented = 'html`<p>\n  ${\n  // a comment with a ` in it\n  x}</p>`';
    expect(minifyHtmlTemplates(commented)).toBe(commented);
    const unterminated = 'html`<p>\n  ${x';
    expect(minifyHtmlTemplates(unterminated)).toBe(unterminated);
  });
});
