// The recorder contract on the local recorder (development and tests), with the test Redis:
// recordings are metadata only, complete at once when stopped, never with a file.
import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { createRedis } from '../../storage/redis.js';
import { testConfig } from '../../test/support/config.js';
import { mediaKeys } from '../keys.js';
import { LocalRecorder } from './local-recorder.js';
import { describeRecorderContract } from './recorder.contract.js';

const config = testConfig({ redis: { keyPrefix: `rec${randomUUID().slice(0, 6)}` } });
const redis = createRedis(config.redis, { name: 'recorder-test' });
const keys = mediaKeys(config.redis.keyPrefix);
afterAll(() => redis.quit());

describeRecorderContract('local (metadata only)', () =>
  Promise.resolve({
    recorder: new LocalRecorder(redis, keys.recording),
    room: () => Promise.resolve(`room-${randomUUID()}`),
    files: false,
  }),
);
