// The widgets' Custom Elements Manifest and the API tables of docs/widgets.md are what the
// components' JSDoc generates (never stale: `npm run docs:widgets`), and every part a widget's
// templates name is documented.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { WIDGETS } from '../build.js';
import { analyzeWidgets, parseDoc } from './analyze.js';
import { applyTables, widgetTables } from './docs.js';
import type { CustomElementDeclaration } from './schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docsPath = fileURLToPath(new URL('../../docs/widgets.md', import.meta.url));
const manifest = analyzeWidgets(root, WIDGETS);
const elements = manifest.modules
  .flatMap((m) => m.declarations)
  .filter((d): d is CustomElementDeclaration => 'tagName' in d);
const element = (tag: string) => elements.find((e) => e.tagName === tag);

/** Source files a module reaches through relative imports, static or `import()`. */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(join(root, entry), 'utf8');
  for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)) {
    const path = posix.normalize(posix.join(posix.dirname(entry), `${m[1] ?? ''}.ts`));
    if (!path.startsWith('..')) reachable(path, seen); // the client SDK and protocol render nothing
  }
  return seen;
}

/** The part names a template gives: `part="a b"`, and literals inside `${…}` (`'tile-speaking'`). */
function partsIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\bpart=(?:"([^"]*)"|\$\{([^}]*)\})/g)) {
    const value = m[1] ?? m[2] ?? '';
    for (const literal of value.matchAll(/'([^']*)'/g)) names.push(...(literal[1] ?? '').split(/\s+/));
    // Outside `${…}`, the attribute's words; inside, only its string literals (not identifiers).
    if (m[1] !== undefined) names.push(...value.replace(/\$\{[^}]*\}/g, ' ').split(/\s+/));
  }
  return names.filter((n) => /^[a-z][a-z-]*[a-z]$/.test(n));
}

describe('the widgets’ Custom Elements Manifest', () => {
  it('is exactly what the JSDoc generates (run `npm run docs:widgets`)', () => {
    const committed: unknown = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(manifest)));
  });

  it('defines every widget, each with the base element’s properties and events', () => {
    expect(elements.map((e) => e.tagName).sort()).toEqual(Object.keys(WIDGETS).sort());
    for (const e of elements) {
      const attributes = (e.attributes ?? []).map((a) => a.name);
      expect(attributes, e.tagName).toEqual(expect.arrayContaining(['endpoint', 'theme', 'locale']));
      const provider = e.members?.find((m) => m.name === 'tokenProvider');
      expect(provider?.inheritedFrom, e.tagName).toEqual({
        name: 'HubElement',
        module: 'shared/hub-element.ts',
      });
      expect(provider?.attribute, e.tagName).toBeUndefined();
      expect(
        (e.events ?? []).map((ev) => ev.name),
        e.tagName,
      ).toContain('hub-connection-changed');
    }
    // <hub-inbox> covers every community: it takes none.
    expect(element('hub-inbox')?.attributes?.some((a) => a.name === 'community')).toBe(false);
    expect(element('hub-chat')?.attributes?.find((a) => a.name === 'community')?.inheritedFrom?.name).toBe(
      'HubCommunityElement',
    );
  });

  it('reads attributes, reflection and defaults from Lit’s properties and the constructor', () => {
    const refresh = element('hub-inbox')?.attributes?.find((a) => a.fieldName === 'refreshS');
    expect(refresh).toMatchObject({ name: 'refresh-s', type: { text: 'number' }, default: '30' });
    const channel = element('hub-chat')?.members?.find((m) => m.name === 'channel');
    expect(channel).toMatchObject({ attribute: 'channel', reflects: true, default: "''" });
    // State (`info`) is not API.
    expect(element('hub-chat')?.members?.some((m) => m.name === 'info')).toBe(false);
  });

  it.each(Object.entries(WIDGETS))('documents every part <%s> renders', (tag, entry) => {
    const rendered = new Set(
      [...reachable(entry)].flatMap((f) => partsIn(readFileSync(join(root, f), 'utf8'))),
    );
    const documented = new Set((element(tag)?.cssParts ?? []).map((p) => p.name));
    expect([...rendered].filter((p) => !documented.has(p))).toEqual([]);
  });
});

describe('JSDoc in the one-tag-per-line form', () => {
  it('gives the description, the summary, and each tag with its text run on over lines', () => {
    const doc = parseDoc(`/**
 * A widget.
 * Two lines.
 *
 * @summary Short.
 * @event hub-x - Sent when x:
 *   \`{id}\`.
 * @slot - The default slot.
 * @cssprop --hub-y - A colour.
 */`);
    expect(doc).toEqual({
      description: 'A widget. Two lines.',
      summary: 'Short.',
      tags: [
        { tag: 'event', name: 'hub-x', description: 'Sent when x: `{id}`.' },
        { tag: 'slot', name: '', description: 'The default slot.' },
        { tag: 'cssprop', name: '--hub-y', description: 'A colour.' },
      ],
    });
  });
});

describe('docs/widgets.md', () => {
  it('has the API tables the manifest generates (run `npm run docs:widgets`)', async () => {
    const committed = readFileSync(docsPath, 'utf8');
    const options = (await prettier.resolveConfig(docsPath)) ?? {};
    const generated = await prettier.format(applyTables(committed, widgetTables(manifest)), {
      ...options,
      filepath: docsPath,
    });
    expect(committed).toBe(generated);
  });

  it('says what the base element documents, under "Common to every widget"', () => {
    const common = widgetTables(manifest).get('common') ?? '';
    for (const name of ['`endpoint`', '`community`', '`tokenProvider`', '`hub-error`', '`--hub-accent`'])
      expect(common).toContain(name);
  });
});
