// The one schema of Hubbub's configuration. Each section is a strict object, so an unknown key
// is an error rather than a silent typo. Defaults are the local development setup of
// `npm start` (ports from config/ports.json); production must set every secret itself.
import { z } from 'zod';
import ports from './ports.json' with { type: 'json' };

/** Marks a field whose value must never be printed or logged. */
const secret = <T extends z.ZodType>(schema: T) => schema.meta({ secret: true });

const port = z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535);
const positiveMs = z.coerce.number({ error: 'must be a number of milliseconds' }).int().positive();
const booleanLike = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
const urlWith = (protocols: RegExp, what: string) =>
  z.url({ protocol: protocols, error: `must be a ${what} URL` });

/** Development-only secrets: public knowledge, refused in production. */
export const DEV_SECRETS = {
  livekitApiSecret: 'secret',
} as const;

export const sections = {
  server: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: port.default(ports.dev.hub),
      /** The URL browsers use to reach this hub, when it differs from host:port. */
      publicUrl: urlWith(/^https?$/, 'http(s)').optional(),
      /** Largest HTTP request body accepted, in bytes. */
      maxBodyBytes: z.coerce
        .number({ error: 'must be a number of bytes' })
        .int()
        .min(1024)
        .default(1_048_576),
    })
    .strict(),
  log: z
    .object({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .strict(),
  redis: z
    .object({
      url: secret(urlWith(/^rediss?$/, 'redis(s)').default(`redis://127.0.0.1:${ports.dev.redis}`)),
      /** Prefix of every key and channel, so several deployments can share one Redis. */
      keyPrefix: z
        .string()
        .regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 characters of a-z, 0-9 and -')
        .default('hub'),
    })
    .strict(),
  mongodb: z
    .object({
      url: secret(
        urlWith(/^mongodb(\+srv)?$/, 'mongodb').default(`mongodb://127.0.0.1:${ports.dev.mongodb}/hubbub`),
      ),
    })
    .strict(),
  livekit: z
    .object({
      url: urlWith(/^(https?|wss?)$/, 'http(s) or ws(s)').default(`http://127.0.0.1:${ports.dev.livekit}`),
      apiKey: z.string().min(1).default('devkey'),
      apiSecret: secret(z.string().min(1).default(DEV_SECRETS.livekitApiSecret)),
      /** Whether /readyz reports 503 while LiveKit is unreachable. */
      required: booleanLike.default(true),
    })
    .strict(),
  shutdown: z
    .object({
      /** Bound on a graceful shutdown; past it the process exits anyway, with status 1. */
      timeoutMs: positiveMs.default(10_000),
    })
    .strict(),
  readiness: z
    .object({
      /** How long one dependency check may take before it counts as down. */
      timeoutMs: positiveMs.default(1_000),
    })
    .strict(),
} as const;

type Sections = typeof sections;
type SectionShape = { [K in keyof Sections]: z.ZodPrefault<Sections[K]> };

export const configSchema = z
  .object({
    env: z.enum(['development', 'test', 'production']).default('development'),
    ...(Object.fromEntries(
      Object.entries(sections).map(([name, section]) => [name, (section as z.ZodObject).prefault({})]),
    ) as SectionShape),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.env !== 'production') return;
    if (config.livekit.apiSecret === DEV_SECRETS.livekitApiSecret || config.livekit.apiSecret.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['livekit', 'apiSecret'],
        message: 'must be set to a secret of at least 32 characters in production',
      });
    }
  });

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Whether the field at this path holds a secret. */
export function isSecretPath(section: string, key: string): boolean {
  const shape = (sections as Record<string, z.ZodObject>)[section]?.shape;
  const field = shape?.[key];
  return Boolean(field?.meta()?.['secret']);
}
