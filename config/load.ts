// Loads the configuration: an optional JSON file (HUB_CONFIG_FILE), overlaid by HUB_* environment
// variables, validated by the schema. Every problem is collected into one ConfigError, so a bad
// deployment is fixed in one round rather than one key at a time.
import { readFileSync } from 'node:fs';
import { configSchema, sections, type Config } from './schema.js';

export const ENV_PREFIX = 'HUB_';
export const CONFIG_FILE_VAR = 'HUB_CONFIG_FILE';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `configuration: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const snake = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** The environment variable that sets a config path such as ['redis', 'url']. */
export function envVarFor(path: readonly PropertyKey[]): string {
  return ENV_PREFIX + path.map((p) => snake(String(p))).join('_');
}

/** Every environment variable the schema knows, mapped to its path. */
export const knownEnvVars: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  [envVarFor(['env']), ['env']],
  ...Object.entries(sections).flatMap(([section, schema]) =>
    Object.keys(schema.shape).map((key) => [envVarFor([section, key]), [section, key]] as const),
  ),
]);

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Values that win over the file and the environment (tests, CLI flags). */
  overrides?: Record<string, unknown>;
}

export function loadConfig({ env = process.env, overrides = {} }: LoadOptions = {}): Config {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};

  const file = env[CONFIG_FILE_VAR];
  if (file) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!isPlainObject(parsed)) throw new Error('the file must hold a JSON object');
      deepMerge(raw, parsed);
    } catch (err) {
      problems.push(`${CONFIG_FILE_VAR} (${file}): cannot be read: ${(err as Error).message}`);
    }
  }

  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || name === CONFIG_FILE_VAR || value === undefined) continue;
    const path = knownEnvVars.get(name);
    if (!path) {
      const hint = closestKnown(name);
      problems.push(`${name}: unknown key${hint ? ` (did you mean ${hint}?)` : ''}`);
      continue;
    }
    setPath(raw, path, value);
  }
  deepMerge(raw, overrides);
  problems.push(...exclusiveChoices(raw));

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const keys =
        issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of keys) {
        const where = path.length ? `${path.join('.')} (${envVarFor(path)})` : 'configuration';
        problems.push(`${where}: ${issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message}`);
      }
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** Settings that choose one of two ways and must not both be given (the url default is fine). */
function exclusiveChoices(raw: Record<string, unknown>): string[] {
  const redis = raw['redis'];
  if (!isPlainObject(redis) || redis['url'] === undefined || redis['clusterNodes'] === undefined) return [];
  return [
    `redis (${envVarFor(['redis', 'url'])}, ${envVarFor(['redis', 'clusterNodes'])}): set either a ` +
      'standalone Redis URL or Redis Cluster seed nodes, not both',
  ];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) deepMerge(existing, value);
    else target[key] = isPlainObject(value) ? structuredClone(value) : value;
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** The known variable nearest to a mistyped one, when it is close enough to be a typo. */
function closestKnown(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const known of knownEnvVars.keys()) {
    const d = editDistance(name, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
