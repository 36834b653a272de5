// Builds the widgets' Custom Elements Manifest (schema 2.1.0) from their sources with the
// TypeScript compiler's parser: each class's JSDoc in the one-tag-per-line form (`@summary`,
// `@event`, `@csspart`, `@cssproperty`/`@cssprop`, `@slot`), its Lit `static properties`, the
// JSDoc and type of each `declare`d field, and the defaults its constructor assigns. Members,
// events, parts and custom properties of a base class (`HubElement`) are listed on each widget
// with `inheritedFrom`, as @custom-elements-manifest/analyzer does.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';
import type {
  Attribute,
  ClassDeclaration,
  CssPart,
  CssProperty,
  CustomElementDeclaration,
  Event,
  Field,
  Module,
  Package,
  Reference,
  Slot,
} from './schema.js';

/** One tag of a class's JSDoc: `@event hub-x - What it means.` */
interface DocTag {
  tag: string;
  name: string;
  description: string;
}

interface ClassDoc {
  description: string;
  summary: string;
  tags: DocTag[];
}

const TAG = /^@(\w+)(?:\s+(?!-\s)(\S+))?(?:\s+-)?\s*(.*)$/;

/** The description and tags of a `/** … *\/` comment; a tag's text may run on over lines. */
export function parseDoc(comment: string): ClassDoc {
  const lines = comment
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, '').trimEnd());
  const description: string[] = [];
  const tags: DocTag[] = [];
  for (const line of lines) {
    const m = TAG.exec(line.trim());
    if (m) tags.push({ tag: m[1] ?? '', name: m[2] ?? '', description: m[3] ?? '' });
    else if (tags.length && line.trim()) {
      const last = tags[tags.length - 1];
      if (last) last.description = `${last.description} ${line.trim()}`.trim();
    } else if (!tags.length) description.push(line);
  }
  const summary = tags.find((t) => t.tag === 'summary');
  return {
    description: description.join(' ').replace(/\s+/g, ' ').trim(),
    summary: summary ? `${summary.name} ${summary.description}`.trim() : '',
    tags: tags.filter((t) => t.tag !== 'summary'),
  };
}

/** The JSDoc comment right before a node, if any. */
function docOf(node: ts.Node, source: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const last = ranges.filter((r) => source.text.startsWith('/**', r.pos)).at(-1);
  return last ? source.text.slice(last.pos, last.end) : '';
}

function oneLine(text: string): string {
  return parseDoc(text).description;
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

const nameOf = (node: ts.PropertyName | ts.BindingName): string =>
  ts.isIdentifier(node) || ts.isStringLiteral(node) ? node.text : node.getText();

/** A parsed class: what it declares itself, and where its base class comes from. */
interface ParsedClass {
  declaration: ClassDeclaration;
  superclass: { name: string; from: string } | undefined;
}

/** Reads the exported class `name` of `file` (a path under `root`). */
function parseClass(root: string, file: string, name: string): ParsedClass {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(root, file), 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const node = source.statements.find(
    (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name,
  );
  if (!node) throw new Error(`manifest: no class ${name} in ${file}`);
  const doc = parseDoc(docOf(node, source));

  const fieldDocs = new Map<string, { type: string; description: string }>();
  const defaults = new Map<string, string>();
  const options = new Map<string, { attribute: string | false; reflects: boolean; state: boolean }>();
  for (const member of node.members) {
    if (ts.isPropertyDeclaration(member) && hasModifier(member, ts.SyntaxKind.DeclareKeyword)) {
      fieldDocs.set(nameOf(member.name), {
        type: member.type?.getText(source) ?? 'unknown',
        description: oneLine(docOf(member, source)),
      });
    }
    const isProperties =
      ts.isPropertyDeclaration(member) &&
      hasModifier(member, ts.SyntaxKind.StaticKeyword) &&
      nameOf(member.name) === 'properties';
    if (isProperties && member.initializer && ts.isObjectLiteralExpression(member.initializer)) {
      for (const prop of member.initializer.properties) {
        if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
        const field = nameOf(prop.name);
        const opt = { attribute: field.toLowerCase() as string | false, reflects: false, state: false };
        for (const o of prop.initializer.properties) {
          if (!ts.isPropertyAssignment(o)) continue;
          const key = nameOf(o.name);
          const value = o.initializer;
          if (key === 'attribute')
            opt.attribute = ts.isStringLiteral(value)
              ? value.text
              : value.kind === ts.SyntaxKind.FalseKeyword
                ? false
                : opt.attribute;
          if (key === 'reflect') opt.reflects = value.kind === ts.SyntaxKind.TrueKeyword;
          if (key === 'state') opt.state = value.kind === ts.SyntaxKind.TrueKeyword;
        }
        options.set(field, opt);
      }
    }
    if (ts.isConstructorDeclaration(member) && member.body) {
      for (const statement of member.body.statements) {
        if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
        const { left, operatorToken, right } = statement.expression;
        if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left))
          continue;
        if (left.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
        const literal =
          ts.isLiteralExpression(right) ||
          right.kind === ts.SyntaxKind.TrueKeyword ||
          right.kind === ts.SyntaxKind.FalseKeyword ||
          (ts.isIdentifier(right) && right.text === 'undefined');
        if (literal) defaults.set(left.name.text, right.getText(source));
      }
    }
  }

  const members: Field[] = [];
  const attributes: Attribute[] = [];
  for (const [field, opt] of options) {
    if (opt.state) continue;
    const fieldDoc = fieldDocs.get(field);
    const type = fieldDoc?.type ?? 'unknown';
    const fallback = defaults.get(field);
    members.push({
      kind: 'field',
      name: field,
      type: { text: type },
      ...(fallback !== undefined ? { default: fallback } : {}),
      description: fieldDoc?.description ?? '',
      ...(opt.attribute ? { attribute: opt.attribute } : {}),
      ...(opt.reflects ? { reflects: true } : {}),
    });
    if (opt.attribute)
      attributes.push({
        name: opt.attribute,
        type: { text: type },
        ...(fallback !== undefined ? { default: fallback } : {}),
        description: fieldDoc?.description ?? '',
        fieldName: field,
      });
  }

  const tagged = (...tags: string[]) => doc.tags.filter((t) => tags.includes(t.tag));
  const events: Event[] = tagged('event').map((t) => ({
    name: t.name,
    type: { text: 'CustomEvent' },
    description: t.description,
  }));
  const cssParts: CssPart[] = tagged('csspart').map((t) => ({ name: t.name, description: t.description }));
  const cssProperties: CssProperty[] = tagged('cssproperty', 'cssprop').map((t) => ({
    name: t.name,
    description: t.description,
  }));
  const slots: Slot[] = tagged('slot').map((t) => ({ name: t.name, description: t.description }));

  const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const superName = heritage?.expression.getText(source);
  let superclass: ParsedClass['superclass'];
  if (superName) {
    const from = source.statements
      .filter(ts.isImportDeclaration)
      .find((i) =>
        i.importClause?.namedBindings && ts.isNamedImports(i.importClause.namedBindings)
          ? i.importClause.namedBindings.elements.some((e) => e.name.text === superName)
          : false,
      );
    const spec = from && ts.isStringLiteral(from.moduleSpecifier) ? from.moduleSpecifier.text : '';
    // Not imported: a class of the same module (HubCommunityElement extends HubElement).
    const sameModule =
      !from && source.statements.some((s) => ts.isClassDeclaration(s) && s.name?.text === superName);
    superclass = {
      name: superName,
      from: sameModule ? `./${posix.basename(file).replace(/\.ts$/, '.js')}` : spec,
    };
  }
  return {
    declaration: {
      kind: 'class',
      name,
      description: doc.description,
      ...(doc.summary ? { summary: doc.summary } : {}),
      members,
      attributes,
      events,
      cssParts,
      cssProperties,
      slots,
    },
    superclass,
  };
}

/** The module path a relative import names, `.js` written for its `.ts` source. */
function resolveImport(fromFile: string, spec: string): string {
  return posix.normalize(posix.join(posix.dirname(fromFile), spec.replace(/\.js$/, '.ts')));
}

interface Analyzed {
  module: string;
  declaration: ClassDeclaration;
  chain: { module: string; declaration: ClassDeclaration }[];
  superclass: Reference | undefined;
}

/** A class and its base classes within the sources, nearest first. */
function analyzeClass(root: string, file: string, name: string, seen: Map<string, Analyzed>): Analyzed {
  const key = `${file}#${name}`;
  const known = seen.get(key);
  if (known) return known;
  const parsed = parseClass(root, file, name);
  let chain: Analyzed['chain'] = [];
  let superclass: Reference | undefined;
  if (parsed.superclass) {
    const { name: superName, from } = parsed.superclass;
    if (from.startsWith('.')) {
      const superFile = resolveImport(file, from);
      const base = analyzeClass(root, superFile, superName, seen);
      chain = [{ module: base.module, declaration: base.declaration }, ...base.chain];
      superclass = { name: superName, module: superFile };
    } else superclass = { name: superName, package: from };
  }
  const declaration = { ...parsed.declaration, ...(superclass ? { superclass } : {}) };
  const analyzed = { module: file, declaration, chain, superclass };
  seen.set(key, analyzed);
  return analyzed;
}

/** Own items first, then each base class's that the class does not redeclare, marked inherited. */
function withInherited<T extends { name: string; inheritedFrom?: Reference }>(
  own: T[],
  chain: Analyzed['chain'],
  pick: (d: ClassDeclaration) => T[] | undefined,
): T[] {
  const out = [...own];
  for (const base of chain)
    for (const item of pick(base.declaration) ?? [])
      if (!out.some((o) => o.name === item.name))
        out.push({ ...item, inheritedFrom: { name: base.declaration.name, module: base.module } });
  return out;
}

/** The class a definition module registers: `customElements.define('tag', Class)` and its import. */
function definitionOf(root: string, entry: string, tag: string): { name: string; module: string } {
  const text = readFileSync(join(root, entry), 'utf8');
  const name = new RegExp(`customElements\\.define\\(\\s*'${tag}'\\s*,\\s*(\\w+)`).exec(text)?.[1];
  const spec = name && new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(text)?.[1];
  if (!name || !spec) throw new Error(`manifest: ${entry} does not define <${tag}> from an imported class`);
  return { name, module: resolveImport(entry, spec) };
}

/**
 * The manifest of the widgets: `widgets` maps each tag to its definition module (as in
 * build.ts), paths relative to `root` (web-components/).
 */
export function analyzeWidgets(root: string, widgets: Record<string, string>): Package {
  const seen = new Map<string, Analyzed>();
  const modules = new Map<string, Module>();
  const moduleFor = (path: string): Module => {
    let m = modules.get(path);
    if (!m) {
      m = { kind: 'javascript-module', path, declarations: [], exports: [] };
      modules.set(path, m);
    }
    return m;
  };
  for (const [tag, entry] of Object.entries(widgets)) {
    const def = definitionOf(root, entry, tag);
    const analyzed = analyzeClass(root, def.module, def.name, seen);
    const own = analyzed.declaration;
    const element: CustomElementDeclaration = {
      ...own,
      tagName: tag,
      customElement: true,
      members: withInherited(own.members ?? [], analyzed.chain, (d) => d.members),
      attributes: withInherited(own.attributes ?? [], analyzed.chain, (d) => d.attributes),
      events: withInherited(own.events ?? [], analyzed.chain, (d) => d.events),
      cssParts: withInherited(own.cssParts ?? [], analyzed.chain, (d) => d.cssParts),
      cssProperties: withInherited(own.cssProperties ?? [], analyzed.chain, (d) => d.cssProperties),
      slots: withInherited(own.slots ?? [], analyzed.chain, (d) => d.slots),
    };
    const m = moduleFor(def.module);
    m.declarations.push(element);
    m.exports.push({ kind: 'js', name: def.name, declaration: { name: def.name, module: def.module } });
    const defining = moduleFor(entry);
    defining.exports.push(
      { kind: 'js', name: def.name, declaration: { name: def.name, module: def.module } },
      { kind: 'custom-element-definition', name: tag, declaration: { name: def.name, module: def.module } },
    );
    for (const base of analyzed.chain) {
      const bm = moduleFor(base.module);
      if (bm.declarations.some((d) => d.name === base.declaration.name)) continue;
      bm.declarations.push(base.declaration);
      bm.exports.push({
        kind: 'js',
        name: base.declaration.name,
        declaration: { name: base.declaration.name, module: base.module },
      });
    }
  }
  return {
    schemaVersion: '2.1.0',
    readme: '',
    modules: [...modules.values()].sort((a, b) => a.path.localeCompare(b.path)),
  };
}
