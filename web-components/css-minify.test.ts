// The build's css`…` minifier: comments and the space around braces and semicolons go; the
// spaces that carry meaning (descendant selectors, values) stay; literals with interpolations
// are left alone.
import { describe, expect, it } from 'vitest';
import { minifyCss, minifyCssLiterals } from './css-minify.js';

describe('css literal minifier', () => {
  it('keeps the rules and drops the rest', () => {
    expect(
      minifyCss(
        '\n  /* why */\n  .a :focus-visible,\n  .b > .c {\n    margin: 0 auto;\n    color: red;\n  }\n',
      ),
    ).toBe('.a :focus-visible, .b > .c{margin: 0 auto;color: red;}');
  });

  it('rewrites only css literals without interpolations', () => {
    const code =
      'const a = css`\n  .x {\n    top: 0;\n  }\n`;\nconst b = css`.y { top: ${t}; }`;\nconst c = html`\n  <p> </p>\n`;';
    expect(minifyCssLiterals(code)).toBe(
      'const a = css`.x{top: 0;}`;\nconst b = css`.y { top: ${t}; }`;\nconst c = html`\n  <p> </p>\n`;',
    );
  });
});
