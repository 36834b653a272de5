// `hub user export <userId>` and `hub user erase <userId> --yes`: the privacy operations for
// operators, with the same effect as the API (live connections on running nodes end too).
import type { Config } from '../../config/index.js';
import { Privacy } from '../../community/privacy.js';
import { RedisBroker } from '../../realtime/broker/broker.redis.js';
import { ControlBus } from '../../realtime/control.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { connectMongo } from '../../storage/mongo.js';
import { createRedis } from '../../storage/redis.js';

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
  const subscriber = createRedis(config.redis, { name: 'hub-cli-sub', maxRetriesPerRequest: null });
  const controlSubscriber = createRedis(config.redis, {
    name: 'hub-cli-control',
    maxRetriesPerRequest: null,
  });
  const broker = new RedisBroker(redis, subscriber, {
    keyPrefix: config.redis.keyPrefix,
    historyMaxCount: config.history.recentMaxCount,
    historyMaxAgeMs: config.history.recentMaxAgeS * 1000,
    idleExpiryMs: config.history.idleExpiryS * 1000,
  });
  const control = new ControlBus(redis, controlSubscriber, config.redis.keyPrefix);
  try {
    const privacy = new Privacy({ connection, store: new MongoMessageStore(connection), broker, control });
    const result =
      action === 'export' ? await privacy.export(userId, 'cli') : await privacy.erase(userId, 'cli');
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } finally {
    await control.close();
    await broker.close();
    await connection.close();
  }
}
