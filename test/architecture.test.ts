// The import-direction check really fails on a wrong-way import: run it on a scratch tree that
// holds one, with the project's own rules.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const depcruise = join(root, 'node_modules/.bin/depcruise');

async function cruise(files: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hubbub-arch-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  cpSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  );
  try {
    const { stdout } = await run(
      depcruise,
      ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', '.'],
      { cwd: dir },
    );
    return { ok: true, output: stdout };
  } catch (err) {
    return { ok: false, output: String((err as { stdout?: string }).stdout) };
  }
}

describe('import-direction check', () => {
  it('passes a tree whose imports point the right way', async () => {
    const result = await cruise({
      'protocol/codes.ts': 'export const X = 1;\n',
      'storage/store.ts': "import { X } from '../protocol/codes.js';\nexport const Y = X;\n",
      'realtime/gateway.ts': "import { Y } from '../storage/store.js';\nexport const Z = Y;\n",
      'realtime/client/sdk.ts': "import { X } from '../../protocol/codes.js';\nexport const C = X;\n",
      'web-components/chat.ts': "import { C } from '../realtime/client/sdk.js';\nexport const W = C;\n",
    });
    expect(result.ok, result.output).toBe(true);
  });

  it.each([
    [
      'widgets-never-import-server-code',
      'web-components/chat.ts',
      "import { Z } from '../realtime/gateway.js';\nexport const W = Z;\n",
    ],
    [
      'storage-below-the-domain',
      'storage/bad.ts',
      "import { Z } from '../realtime/gateway.js';\nexport const B = Z;\n",
    ],
    [
      'client-sdk-is-browser-safe',
      'realtime/client/bad.ts',
      "import { Y } from '../../storage/store.js';\nexport const B = Y;\n",
    ],
    [
      'protocol-is-standalone',
      'protocol/bad.ts',
      "import { Y } from '../storage/store.js';\nexport const B = Y;\n",
    ],
  ])('fails on %s', async (rule, path, text) => {
    const result = await cruise({
      'protocol/codes.ts': 'export const X = 1;\n',
      'storage/store.ts': "import { X } from '../protocol/codes.js';\nexport const Y = X;\n",
      'realtime/gateway.ts': "import { Y } from '../storage/store.js';\nexport const Z = Y;\n",
      [path]: text,
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain(rule);
  });
});
