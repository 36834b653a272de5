// A worker process runs registered processors and shows up in the hub's readiness report.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubNode } from '../hub/node.js';
import { startWorker, type WorkerProcess } from '../hub/worker.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import { testConfig } from './support/config.js';
import { startTestHub } from './support/hub.js';
import { eventually } from './support/wait.js';

describe('worker process', () => {
  const keyPrefix = `w${randomUUID().slice(0, 8)}`;
  const config = testConfig({ redis: { keyPrefix } });
  const handled: string[] = [];
  let hub: HubNode;
  let worker: WorkerProcess;

  beforeAll(async () => {
    hub = await startTestHub({ redis: { keyPrefix } });
    worker = await startWorker(config, [
      {
        queue: 'greetings',
        concurrency: 1,
        handler: async (job) => void handled.push(String((job.data as { to: string }).to)),
      },
    ]);
  });
  afterAll(async () => {
    await worker?.shutdown();
    await hub?.shutdown();
  });

  it('runs the jobs of its registered queues', async () => {
    const queue = new BullJobQueue<{ to: string }>('greetings', { keyPrefix, redis: config.redis });
    await queue.add('hello', { to: 'ada' });
    await eventually(() => handled.includes('ada'));
    expect(handled).toEqual(['ada']);
    await queue.obliterate();
    await queue.close();
  });

  it('is counted alive by /readyz, and no longer once it stops', async () => {
    const workersCheck = async () =>
      ((await (await fetch(`${hub.url}/readyz`)).json()) as { checks: { workers: { status: string } } })
        .checks.workers.status;
    expect(await eventually(async () => (await workersCheck()) === 'up')).toBe(true);
    await worker.shutdown();
    expect(await eventually(async () => (await workersCheck()) === 'down')).toBe(true);
  });
});
