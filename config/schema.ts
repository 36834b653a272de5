// The one schema of Hubbub's configuration, composed of its sections (one module per area in
// sections/) and the rules that span sections (secrets in production, keys set together). Each
// section is a strict object, so an unknown key is an error rather than a silent typo. Defaults
// are the local development setup (ports from config/ports.json); the built-in secrets are
// accepted only in demo mode (`npm start`, the tests), and production must set every secret itself.
import { z } from 'zod';
import { DEV_SECRETS } from './dev-secrets.js';
import { attachments, objects, s3 } from './sections/attachments.js';
import { audit, auth, demo } from './sections/auth.js';
import { api, gateway, server } from './sections/edge.js';
import { chatwoot, inbox } from './sections/inbox.js';
import { livekit, media } from './sections/live.js';
import { permissions, scoring } from './sections/moderation.js';
import { log, readiness, shutdown } from './sections/operations.js';
import { history, mongodb, presence, redis } from './sections/stores.js';
import { events, notifications } from './sections/webhooks.js';

export { DEV_SECRETS } from './dev-secrets.js';

export const sections = {
  server,
  log,
  redis,
  mongodb,
  livekit,
  media,
  auth,
  gateway,
  api,
  history,
  presence,
  notifications,
  events,
  scoring,
  chatwoot,
  inbox,
  demo,
  audit,
  attachments,
  shutdown,
  readiness,
  objects,
  s3,
  permissions,
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
    if (config.presence.refreshMs * 2 > config.presence.ttlMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['presence', 'refreshMs'],
        message: 'must be at most half of presence.ttlMs, or live connections would expire',
      });
    }
    if (config.chatwoot.baseUrl && !config.chatwoot.apiAccessToken) {
      ctx.addIssue({
        code: 'custom',
        path: ['chatwoot', 'apiAccessToken'],
        message: 'must be set when chatwoot.baseUrl is',
      });
    }
    if (config.objects.backend === 's3' && !config.s3.bucket) {
      ctx.addIssue({
        code: 'custom',
        path: ['s3', 'bucket'],
        message: 'must be set when objects.backend is s3',
      });
    }
    if (Boolean(config.s3.accessKeyId) !== Boolean(config.s3.secretAccessKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['s3', config.s3.accessKeyId ? 'secretAccessKey' : 'accessKeyId'],
        message: 'must be set together with s3.accessKeyId and s3.secretAccessKey (or neither)',
      });
    }
    if (config.env !== 'production') {
      if (!config.demo.enabled) refuseBuiltInSecrets(config, ctx);
      return;
    }
    if (config.demo.enabled) {
      ctx.addIssue({ code: 'custom', path: ['demo', 'enabled'], message: 'must be false in production' });
    }
    if (config.notifications.webhookUrl && config.notifications.webhookSecret === DEV_SECRETS.webhookSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['notifications', 'webhookSecret'],
        message: 'must be set in production, not the development default',
      });
    }
    if (config.events.webhookUrl && config.events.webhookSecret === DEV_SECRETS.webhookSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['events', 'webhookSecret'],
        message: 'must be set in production, not the development default',
      });
    }
    if (config.chatwoot.baseUrl && config.chatwoot.webhookSecret === DEV_SECRETS.chatwootWebhookSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['chatwoot', 'webhookSecret'],
        message: 'must be set in production, not the development default',
      });
    }
    if (!config.auth.jwksUrl && config.auth.jwtSecret === DEV_SECRETS.jwtSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'jwtSecret'],
        message: 'must be set in production (or auth.jwksUrl), not the development default',
      });
    }
    if (config.audit.secret === DEV_SECRETS.auditSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['audit', 'secret'],
        message: 'must be set in production, not the development default',
      });
    }
    if (config.livekit.apiSecret === DEV_SECRETS.livekitApiSecret || config.livekit.apiSecret.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['livekit', 'apiSecret'],
        message: 'must be set to a secret of at least 32 characters in production',
      });
    }
  });

/**
 * Outside production, the built-in development secrets are public knowledge too: anyone could
 * sign a token or a webhook with them. Accepted only when demo mode is switched on.
 */
function refuseBuiltInSecrets(
  config: Pick<Config, 'auth' | 'livekit' | 'notifications' | 'chatwoot' | 'audit' | 'events'>,
  ctx: z.RefinementCtx,
): void {
  const builtIn: [path: string[], inUse: boolean][] = [
    [['auth', 'jwtSecret'], !config.auth.jwksUrl && config.auth.jwtSecret === DEV_SECRETS.jwtSecret],
    [['livekit', 'apiSecret'], config.livekit.apiSecret === DEV_SECRETS.livekitApiSecret],
    [['audit', 'secret'], config.audit.secret === DEV_SECRETS.auditSecret],
    [
      ['notifications', 'webhookSecret'],
      Boolean(config.notifications.webhookUrl) &&
        config.notifications.webhookSecret === DEV_SECRETS.webhookSecret,
    ],
    [
      ['events', 'webhookSecret'],
      Boolean(config.events.webhookUrl) && config.events.webhookSecret === DEV_SECRETS.webhookSecret,
    ],
    [
      ['chatwoot', 'webhookSecret'],
      Boolean(config.chatwoot.baseUrl) && config.chatwoot.webhookSecret === DEV_SECRETS.chatwootWebhookSecret,
    ],
  ];
  for (const [path, inUse] of builtIn) {
    if (!inUse) continue;
    ctx.addIssue({
      code: 'custom',
      path,
      message:
        'must be set: the built-in development value is accepted only with demo.enabled (HUB_DEMO_ENABLED=true), for local development and tests',
    });
  }
}

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Whether the field at this path holds a secret. */
export function isSecretPath(section: string, key: string): boolean {
  const shape = (sections as Record<string, z.ZodObject>)[section]?.shape;
  const field = shape?.[key];
  return Boolean(field?.meta()?.['secret']);
}
