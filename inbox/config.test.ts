// The inbox's configuration: off by default, on with Chatwoot's URL, refused when incomplete.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig, REDACTED } from '../config/index.js';
import { inboxEnabled } from './runtime.js';
import { parseBusinessHours } from './sla/business-hours.js';

const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    loadConfig({ env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
};

describe('inbox configuration', () => {
  it('is off until Chatwoot is configured', () => {
    const config = loadConfig({ env: { HUB_DEMO_ENABLED: 'true' } });
    expect(inboxEnabled(config)).toBe(false);
    expect(config.inbox).toMatchObject({ routing: 'round_robin', agentCapacity: 5, timezone: 'UTC' });
  });

  it('reads HUB_CHATWOOT_* and HUB_INBOX_*, and redacts the secrets', () => {
    const config = loadConfig({
      env: {
        HUB_DEMO_ENABLED: 'true',
        HUB_CHATWOOT_BASE_URL: 'https://desk.example.com',
        HUB_CHATWOOT_API_ACCESS_TOKEN: 'token-123',
        HUB_CHATWOOT_ACCOUNT_ID: '3',
        HUB_CHATWOOT_INBOX_ID: '12',
        HUB_CHATWOOT_HMAC_TOKEN: 'hmac-456',
        HUB_INBOX_ROUTING: 'fewest_open',
        HUB_INBOX_BUSINESS_HOURS: 'mon-fri 08:00-18:00',
        HUB_INBOX_TIMEZONE: 'Europe/Berlin',
      },
    });
    expect(inboxEnabled(config)).toBe(true);
    expect(config.chatwoot).toMatchObject({ accountId: 3, inboxId: 12, webhookToleranceS: 300 });
    expect(config.inbox.routing).toBe('fewest_open');
    expect(() => parseBusinessHours(config.inbox.businessHours, config.inbox.timezone)).not.toThrow();
    const shown = redactConfig(config) as unknown as { chatwoot: Record<string, unknown> };
    expect(shown.chatwoot['apiAccessToken']).toBe(REDACTED);
    expect(shown.chatwoot['hmacToken']).toBe(REDACTED);
    expect(shown.chatwoot['webhookSecret']).toBe(REDACTED);
  });

  it('refuses a Chatwoot URL without a token, and the development webhook secret in production', () => {
    expect(problemsOf({ HUB_CHATWOOT_BASE_URL: 'https://desk.example.com' }).join('\n')).toMatch(
      /HUB_CHATWOOT_API_ACCESS_TOKEN/,
    );
    expect(
      problemsOf({
        HUB_ENV: 'production',
        HUB_CHATWOOT_BASE_URL: 'https://desk.example.com',
        HUB_CHATWOOT_API_ACCESS_TOKEN: 'token',
      }).join('\n'),
    ).toMatch(/HUB_CHATWOOT_WEBHOOK_SECRET/);
    expect(problemsOf({ HUB_INBOX_ROUTING: 'random' }).join('\n')).toMatch(/HUB_INBOX_ROUTING/);
  });
});
