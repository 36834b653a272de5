// Printing configuration without its secrets: for `hub config`, startup logs and support dumps.
import { isSecretPath, type Config } from './schema.js';

export const REDACTED = '[redacted]';

/** A copy of the configuration with every secret replaced, and secrets inside URLs masked. */
export function redactConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(config)) {
    if (typeof value !== 'object' || value === null) {
      out[section] = value;
      continue;
    }
    out[section] = Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, isSecretPath(section, key) ? redactValue(v) : v]),
    );
  }
  return out;
}

/** A URL keeps its shape with its password masked; anything else is replaced whole. */
function redactValue(value: unknown): string {
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol && url.host) {
        if (url.password) url.password = REDACTED;
        return url.toString();
      }
    } catch {
      // not a URL: fall through
    }
  }
  return REDACTED;
}
