// Configuration sections of running a process: logging (`log`), graceful shutdown (`shutdown`) and
// readiness checks (`readiness`). Composed in ../schema.ts.
import { z } from 'zod';
import { positiveMs } from './fields.js';

export const log = z
  .object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The level of the one line per answered HTTP request; `npm start` sets `debug` (quiet terminal). */
    requests: z.enum(['info', 'debug']).default('info'),
  })
  .strict();

export const shutdown = z
  .object({
    /** Bound on a graceful shutdown; past it the process exits anyway, with status 1. */
    timeoutMs: positiveMs.default(10_000),
  })
  .strict();

export const readiness = z
  .object({
    /** How long one dependency check may take before it counts as down. */
    timeoutMs: positiveMs.default(1_000),
  })
  .strict();
