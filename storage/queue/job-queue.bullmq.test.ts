// The JobQueue contract on BullMQ, on the standalone Redis and on the Redis Cluster (each
// queue's keys under one hash tag, BullMQ's cluster connection).
import { randomUUID } from 'node:crypto';
import { testConfig } from '../../test/support/config.js';
import { redisTargets } from '../../test/support/redis-targets.js';
import { BullJobQueue } from './job-queue.bullmq.js';
import { describeJobQueueContract } from './job-queue.contract.js';

for (const target of redisTargets()) {
  const config = testConfig(target.config);
  describeJobQueueContract(`BullMQ on ${target.name}`, () => {
    // A fresh prefix per queue: tests never see each other's jobs.
    const queue = new BullJobQueue<{ n: number }>('contract', {
      keyPrefix: `test-${randomUUID().slice(0, 8)}`,
      redis: config.redis,
    });
    const close = queue.close.bind(queue);
    queue.close = async () => {
      await queue.obliterate();
      await close();
    };
    return queue;
  });
}
