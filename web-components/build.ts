// Builds the widgets with Vite into web-components/dist (ES modules, shared chunks), and writes
// dist/sizes.json: each widget's gzipped bytes, its entry plus every chunk it imports, Lit
// included. Skips the build when nothing it reads changed (a hash of the sources in
// dist/.build-hash), so `npm start` and `npm test` can run it every time.
//   npx tsx web-components/build.ts [--force]
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { cssLiterals } from './css-minify.js';
import { htmlTemplates } from './html-minify.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const outDir = join(here, 'dist');

/** The widgets: tag name and entry module. Each is one script tag. */
export const WIDGETS = {
  'hub-chat': 'hub-chat/hub-chat.ts',
  'hub-inbox': 'hub-inbox/hub-inbox.ts',
  'hub-mod-queue': 'hub-mod-queue/hub-mod-queue.ts',
  'hub-timeline': 'hub-timeline/hub-timeline.ts',
  'hub-live-session': 'hub-live-session/hub-live-session.ts',
} as const;

/** Gzipped-size budgets in bytes; the build fails beyond them. */
export const BUDGETS: Partial<Record<keyof typeof WIDGETS, number>> = {
  'hub-chat': 45 * 1024,
  // livekit-client is most of it: measured 169.1 KB (173,119 B, 2026-11-22); 186 KB is that + 10%.
  // Not counted (sizes follow static imports only): the Colyseus state source, a lazy chunk of
  // 52.2 KB (53,414 B, @colyseus/sdk and its schema decoder) loaded on a live session's pre-join.
  'hub-live-session': 186 * 1024,
};

const SOURCES = ['web-components', 'realtime/client', 'protocol'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.test\.ts$/.test(name) ? [] : [path];
  });
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...SOURCES.flatMap((d) => sourceFiles(join(root, d))),
    join(root, 'package-lock.json'),
  ].sort();
  for (const file of files) hash.update(relative(root, file)).update(readFileSync(file));
  return hash.digest('hex');
}

/** Gzipped bytes of each widget: its entry chunk and the chunks it imports, transitively. */
function sizesOf(output: Rollup.OutputChunk[]): Record<string, number> {
  const byName = new Map(output.map((c) => [c.fileName, c]));
  const sizes: Record<string, number> = {};
  for (const chunk of output) {
    if (!chunk.isEntry) continue;
    const seen = new Set<string>();
    const visit = (fileName: string): void => {
      if (seen.has(fileName)) return;
      seen.add(fileName);
      for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
    };
    visit(chunk.fileName);
    sizes[chunk.name] = [...seen].reduce(
      (sum, f) => sum + gzipSync(byName.get(f)?.code ?? '', { level: 9 }).length,
      0,
    );
  }
  return sizes;
}

const LOCK = join(root, 'node_modules', '.cache', 'hubbub-widgets.lock');
const LOCK_STALE_MS = 180_000;

/** One build at a time (test files run in parallel): a lock directory, taken over when stale. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > LOCK_STALE_MS) rmdirSync(LOCK, { recursive: false });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmdirSync(LOCK);
  }
}

export function buildWidgets(force = false): Promise<Record<string, number>> {
  return withLock(() => buildLocked(force));
}

async function buildLocked(force: boolean): Promise<Record<string, number>> {
  const hash = sourceHash();
  const hashFile = join(outDir, '.build-hash');
  const sizesFile = join(outDir, 'sizes.json');
  if (!force && existsSync(hashFile) && existsSync(sizesFile) && readFileSync(hashFile, 'utf8') === hash) {
    return JSON.parse(readFileSync(sizesFile, 'utf8')) as Record<string, number>;
  }
  // Lit's production build, whatever NODE_ENV the caller runs with (vitest sets `test`).
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  const result = await build({
    configFile: false,
    mode: 'production',
    root: here,
    logLevel: 'warn',
    // Relative: a lazily imported chunk (hub-chat's support view) preloads its dependencies
    // from beside the widget's own URL (import.meta.url), wherever the hub serves /widgets/.
    base: './',
    plugins: [cssLiterals(), htmlTemplates()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      // Quiet builds (npm start's terminal): the budgets below judge sizes, gzipped, per widget;
      // Vite's warning about any chunk over 500 kB minified (livekit-client's) adds nothing.
      chunkSizeWarningLimit: 1024,
      rollupOptions: {
        // Timings of plugin callbacks: noise on a loaded machine, nothing about the widgets.
        checks: { bundlerTimings: false },
        input: Object.fromEntries(Object.entries(WIDGETS).map(([tag, entry]) => [tag, join(here, entry)])),
        preserveEntrySignatures: 'exports-only',
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // What most widgets share (Lit, the base element, the client SDK) in one chunk: gzip
          // compresses one file better than the same code split by which entries use each part.
          codeSplitting: {
            groups: [
              {
                name: 'shared',
                test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|web-components[\\/]shared[\\/]|realtime[\\/]client[\\/]|protocol[\\/]/,
                minShareCount: 4,
              },
            ],
          },
        },
      },
    },
  }).finally(() => {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((o) => o.output.filter((c): c is Rollup.OutputChunk => c.type === 'chunk'));
  const sizes = sizesOf(chunks);
  writeFileSync(sizesFile, `${JSON.stringify(sizes, null, 2)}\n`);
  for (const [tag, budget] of Object.entries(BUDGETS)) {
    const size = sizes[tag] ?? 0;
    if (size > budget) throw new Error(`widgets: ${tag} is ${size} bytes gzipped, over its ${budget} budget`);
  }
  writeFileSync(hashFile, hash);
  return sizes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await buildWidgets(process.argv.includes('--force'));
  const line = Object.entries(sizes)
    .map(([tag, bytes]) => `${tag} ${(bytes / 1024).toFixed(1)} KB`)
    .join(', ');
  process.stdout.write(`widgets (gzipped): ${line}\n`);
}
