// A Vite plugin for the widgets' build: strips comments and the whitespace around braces and
// semicolons from Lit's css`…` literals, which Vite leaves as written (a few hundred gzipped
// bytes a widget; <hub-chat> is built to a budget). Values and selectors keep their spaces.
import type { Plugin } from 'vite';

/** The CSS of one literal, smaller; the same rules. */
export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .trim();
}

/** Every css`…` literal without interpolations (the widgets' styles have none) minified. */
export function minifyCssLiterals(code: string): string {
  return code.replace(/\bcss`([^`$\\]*)`/g, (_, text: string) => `css\`${minifyCss(text)}\``);
}

export function cssLiterals(): Plugin {
  return {
    name: 'hubbub-css-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/web-components\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: minifyCssLiterals(code), map: null };
    },
  };
}
