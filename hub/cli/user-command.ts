// `hub user export <userId>` and `hub user erase <userId> --yes`: the privacy operations for
// operators, with the same effect as the API (live connections on running nodes end too).
import type { Config } from '../../config/index.js';
import { Attachments } from '../../community/attachments/attachments.js';
import { Privacy } from '../../community/privacy.js';
import { inboxPrivacySource } from '../../inbox/privacy-source.js';
import { createInboxRuntime, inboxEnabled } from '../../inbox/runtime.js';
import { mediaKeys } from '../../media/keys.js';
import { mediaPrivacySource } from '../../media/privacy-source.js';
import { brokerFromConfig } from '../../realtime/broker/broker.factory.js';
import { ControlBus } from '../../realtime/control.js';
import { RedisRateLimiter } from '../../realtime/limits/rate-limiter.redis.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { connectMongo } from '../../storage/mongo.js';
import { bindAuditTrail, createAuditTrail } from '../../storage/repositories/audit-keys.js';
import { objectStoreFromConfig } from '../../storage/objects/object-store-from-config.js';
import { createRedis } from '../../storage/redis.js';
import { jobsPrivacySource } from '../job-erasure.js';
import { rateLimitPrivacySource } from '../user-buckets.js';

export const USER_HELP = `Usage: hub user export <userId>        print everything stored about the user, as JSON
       hub user erase <userId> --yes  erase the user (anonymize authorship, delete content)`;

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function runUserCommand(config: Config, args: readonly string[]): Promise<number> {
  const [action, userId, ...flags] = args;
  if ((action !== 'export' && action !== 'erase') || !userId || !USER_ID.test(userId)) {
    console.error(USER_HELP);
    return 2;
  }
  if (action === 'erase' && !flags.includes('--yes')) {
    console.error(`hub: erasing ${userId} cannot be undone; add --yes to go ahead.`);
    return 2;
  }
  const connection = await connectMongo(config.mongodb.url);
  const redis = createRedis(config.redis, { name: 'hub-cli' });
  bindAuditTrail(connection, createAuditTrail(config.audit.secret, redis, config.redis.keyPrefix));
  const controlSubscriber = createRedis(config.redis, {
    name: 'hub-cli-control',
    maxRetriesPerRequest: null,
  });
  const broker = brokerFromConfig(config, redis, 'hub-cli');
  const control = new ControlBus(redis, controlSubscriber, config.redis.keyPrefix);
  const inbox = inboxEnabled(config) ? createInboxRuntime(config) : undefined;
  const objects = objectStoreFromConfig(config, connection);
  try {
    const privacy = new Privacy({ connection, store: new MongoMessageStore(connection), broker, control });
    privacy.register(mediaPrivacySource(connection, redis, mediaKeys(config.redis.keyPrefix)));
    if (inbox) privacy.register(inboxPrivacySource(connection, inbox.provider));
    privacy.register(rateLimitPrivacySource(new RedisRateLimiter(redis, config.redis.keyPrefix)));
    privacy.register(
      new Attachments(connection, objects, config.attachments, config.audit.secret).privacySource(),
    );
    privacy.register(jobsPrivacySource(config));
    const result =
      action === 'export' ? await privacy.export(userId, 'cli') : await privacy.erase(userId, 'cli');
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } finally {
    await inbox?.close();
    await objects.close();
    await control.close();
    await broker.close();
    await connection.close();
  }
}
