import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SchemaComponents } from './schema-components.js';

describe('SchemaComponents', () => {
  it('inlines a schema without shared parts and drops the $schema dialect', () => {
    const components = new SchemaComponents();
    expect(components.add(z.object({ a: z.string() }), 'output', 'Thing')).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
      additionalProperties: false,
    });
    expect(components.all()).toEqual({});
  });

  it('moves schemas with an id into components, once, and points references there', () => {
    const member = z.object({ id: z.string() }).meta({ id: 'TestMember' });
    const components = new SchemaComponents();
    const list = components.add(z.object({ members: z.array(member) }), 'output', 'List');
    const one = components.add(member, 'output', 'One');
    expect(list).toMatchObject({
      properties: { members: { items: { $ref: '#/components/schemas/TestMember' } } },
    });
    expect(one).toEqual({ $ref: '#/components/schemas/TestMember' });
    expect(Object.keys(components.all())).toEqual(['TestMember']);
  });

  it('names the input form of a schema apart when it differs from the output form', () => {
    const settings = z.strictObject({ volume: z.number().default(5) }).meta({ id: 'TestSettings' });
    const components = new SchemaComponents();
    expect(components.add(settings, 'output', 'Out')).toEqual({ $ref: '#/components/schemas/TestSettings' });
    expect(components.add(settings, 'input', 'In')).toEqual({
      $ref: '#/components/schemas/TestSettingsInput',
    });
    expect(components.all()['TestSettings']?.required).toEqual(['volume']);
    expect(components.all()['TestSettingsInput']?.required).toBeUndefined();
  });

  it('hoists a schema that refers to itself, since `#` would mean the whole document', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(node);
      },
    });
    const components = new SchemaComponents();
    expect(components.add(node, 'output', 'TreeResponse')).toEqual({
      $ref: '#/components/schemas/TreeResponse',
    });
    expect(components.all()['TreeResponse']).toMatchObject({
      properties: { children: { items: { $ref: '#/components/schemas/TreeResponse' } } },
    });
    expect(JSON.stringify(components.all())).not.toMatch(/"#"|#\/\$defs/);
  });

  it('keeps given components and numbers a different schema that wants the same name', () => {
    const clash = z.object({ other: z.number() }).meta({ id: 'TestGiven' });
    const components = new SchemaComponents({ TestGiven: { type: 'string' } });
    expect(components.add(clash, 'output', 'X')).toEqual({ $ref: '#/components/schemas/TestGiven2' });
    expect(components.all()['TestGiven']).toEqual({ type: 'string' });
  });
});
