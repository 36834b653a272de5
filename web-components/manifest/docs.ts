// The API tables of docs/widgets.md, generated from the Custom Elements Manifest: between
// `<!-- api:NAME -->` and `<!-- /api:NAME -->`, where NAME is `common` (the base elements'
// attributes, events and custom properties) or a widget's tag (what that widget adds).
import type { Attribute, ClassDeclaration, CustomElementDeclaration, Field, Package } from './schema.js';

const cell = (text: string): string => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text: string): string => (text ? `\`${text}\`` : '—');

function table(head: string[], rows: string[][]): string {
  if (!rows.length) return '';
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Lit's `type` text without `| undefined`, which only says the property may be unset. */
const typeText = (f: Field | Attribute): string => (f.type?.text ?? '').replace(/\s*\|\s*undefined$/, '');

function propertyRows(fields: Field[]): string[][] {
  return fields.map((f) => [
    code(f.attribute ?? ''),
    code(f.name),
    code(typeText(f)),
    f.default !== undefined ? code(f.default) : '—',
    f.description ?? '',
  ]);
}

/** The tables of one declaration's own (or, for `common`, its chain's) API. */
function tablesOf(fields: Field[], decls: ClassDeclaration[]): string {
  const all = <T>(pick: (d: ClassDeclaration) => T[] | undefined): T[] => decls.flatMap((d) => pick(d) ?? []);
  const own = <T extends { inheritedFrom?: unknown }>(items: T[]) => items.filter((i) => !i.inheritedFrom);
  return [
    table(['attribute', 'property', 'type', 'default', 'meaning'], propertyRows(own(fields))),
    table(
      ['event', 'meaning and `detail`'],
      own(all((d) => d.events)).map((e) => [code(e.name), e.description ?? '']),
    ),
    table(
      ['slot', 'meaning'],
      own(all((d) => d.slots)).map((s) => [code(s.name), s.description ?? '']),
    ),
    table(
      ['part', 'meaning'],
      own(all((d) => d.cssParts)).map((p) => [code(p.name), p.description ?? '']),
    ),
    table(
      ['custom property', 'meaning'],
      own(all((d) => d.cssProperties)).map((p) => [code(p.name), p.description ?? '']),
    ),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The generated blocks: `common`, then one per widget tag. */
export function widgetTables(pkg: Package): Map<string, string> {
  const declarations = pkg.modules.flatMap((m) => m.declarations);
  const elements = declarations.filter((d): d is CustomElementDeclaration => 'tagName' in d);
  const bases = declarations.filter((d) => !('tagName' in d));
  const tables = new Map<string, string>();
  // The bases' own API, the root first (HubElement, then HubCommunityElement's community).
  const depth = (d: ClassDeclaration | undefined): number =>
    d?.superclass ? 1 + depth(bases.find((b) => b.name === d.superclass?.name)) : 0;
  const ordered = [...bases].sort((a, b) => depth(a) - depth(b));
  tables.set(
    'common',
    tablesOf(
      ordered.flatMap((d) => d.members ?? []),
      ordered,
    ),
  );
  for (const element of elements) tables.set(element.tagName, tablesOf(element.members ?? [], [element]));
  return tables;
}

/** `markdown` with each marked block replaced by its table; a missing or unknown marker throws. */
export function applyTables(markdown: string, tables: Map<string, string>): string {
  let out = markdown;
  for (const [name, body] of tables) {
    const start = `<!-- api:${name} -->`;
    const end = `<!-- /api:${name} -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs: docs/widgets.md has no ${start} … ${end} block`);
    out = `${out.slice(0, from + start.length)}\n\n${body}\n\n${out.slice(to)}`;
  }
  const unknown = [...out.matchAll(/<!-- api:([\w-]+) -->/g)]
    .map((m) => m[1])
    .filter((n) => !tables.has(n ?? ''));
  if (unknown.length)
    throw new Error(`docs: no API for the block(s) ${unknown.join(', ')} of docs/widgets.md`);
  return out;
}
