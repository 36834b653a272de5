// The field schemas the configuration sections share: ports, durations, counts, booleans given as
// strings by environment variables, comma-separated lists, URLs of a given scheme, and the mark of
// a secret field.
import { z } from 'zod';

/** Marks a field whose value must never be printed or logged. */
export const secret = <T extends z.ZodType>(schema: T) => schema.meta({ secret: true });

export const port = z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535);
export const positiveMs = z.coerce.number({ error: 'must be a number of milliseconds' }).int().positive();
export const booleanLike = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const urlWith = (protocols: RegExp, what: string) =>
  z.url({ protocol: protocols, error: `must be a ${what} URL` });

export const count = (what: string) =>
  z.coerce
    .number({ error: `must be a number of ${what}` })
    .int()
    .positive();

/** A list given as an array or, from an environment variable, as comma-separated text. */
export const commaList = <T extends z.ZodType>(list: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    list,
  );
