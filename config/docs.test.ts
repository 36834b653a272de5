// docs/configuration.md documents every variable the schema knows, and no variable it does not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knownEnvVars } from './index.js';

describe('docs/configuration.md', () => {
  const doc = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
  const documented = new Set([...doc.matchAll(/^\|\s*`(HUB_[A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]));

  it('lists every configuration variable, and only those', () => {
    expect([...documented].sort()).toEqual([...knownEnvVars.keys()].sort());
  });
});
