// The part of the Custom Elements Manifest schema (2.1.0) that the widgets' manifest uses:
// https://github.com/webcomponents/custom-elements-manifest (schema.d.ts). Types only.

export interface Package {
  schemaVersion: string;
  readme?: string;
  modules: Module[];
}

export interface Module {
  kind: 'javascript-module';
  path: string;
  declarations: ClassDeclaration[];
  exports: Export[];
}

export interface Reference {
  name: string;
  package?: string;
  module?: string;
}

export type Export =
  | { kind: 'js'; name: string; declaration: Reference }
  | { kind: 'custom-element-definition'; name: string; declaration: Reference };

export interface ClassDeclaration {
  kind: 'class';
  name: string;
  summary?: string;
  description?: string;
  superclass?: Reference;
  members?: Field[];
  attributes?: Attribute[];
  events?: Event[];
  cssParts?: CssPart[];
  cssProperties?: CssProperty[];
  slots?: Slot[];
}

export interface CustomElementDeclaration extends ClassDeclaration {
  tagName: string;
  customElement: true;
}

export interface Field {
  kind: 'field';
  name: string;
  type?: { text: string };
  default?: string;
  description?: string;
  attribute?: string;
  reflects?: boolean;
  inheritedFrom?: Reference;
}

export interface Attribute {
  name: string;
  type?: { text: string };
  default?: string;
  description?: string;
  fieldName?: string;
  inheritedFrom?: Reference;
}

export interface Event {
  name: string;
  type?: { text: string };
  description?: string;
  inheritedFrom?: Reference;
}

export interface CssPart {
  name: string;
  description?: string;
  inheritedFrom?: Reference;
}

export interface CssProperty {
  name: string;
  description?: string;
  inheritedFrom?: Reference;
}

export interface Slot {
  name: string;
  description?: string;
  inheritedFrom?: Reference;
}
