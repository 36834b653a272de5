import { randomUUID } from 'node:crypto';
import { testConfig } from '../../test/support/config.js';
import { BullJobQueue } from './job-queue.bullmq.js';
import { describeJobQueueContract } from './job-queue.contract.js';

const config = testConfig();

describeJobQueueContract('BullMQ on real Redis', () => {
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
