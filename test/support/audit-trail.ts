// Test databases' connections get the audit trail a hub process binds at start: the test
// configuration's audit secret, and checkpoints in the test Redis under a prefix of their own
// (pass `keyPrefix` as HUB_REDIS_KEY_PREFIX to a `hub` command that must see the same ones).
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { createRedis } from '../../storage/redis.js';
import { bindAuditTrail, createAuditTrail } from '../../storage/repositories/audit-keys.js';
import { testConfig } from './config.js';

export function bindTestAuditTrail(connection: Connection): { keyPrefix: string; close: () => void } {
  const config = testConfig();
  const keyPrefix = `audit${randomUUID().slice(0, 8)}`;
  const redis = createRedis(config.redis, { name: 'test-audit-trail' });
  bindAuditTrail(connection, createAuditTrail(config.audit.secret, redis, keyPrefix));
  return { keyPrefix, close: () => redis.disconnect() };
}
