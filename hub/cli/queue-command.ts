// `hub queue …`: what operators need of the job queues (BullMQ). Dead letters are jobs that
// failed every attempt; they stay until retried (with a fresh set of attempts) or the queue is
// cleared. `retrain` asks the scoring workers for a spam-model retrain now instead of at its
// next scheduled run.
import type { Config } from '../../config/index.js';
import { RETRAIN_QUEUE } from '../../moderation/scoring/queue/retrain.js';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';

export const QUEUE_HELP = `Usage: hub queue counts <queue>                 waiting, active, delayed and failed jobs
       hub queue dead-letters <queue> [limit]   jobs that failed every attempt, as JSON lines
       hub queue retry <queue> <jobId>          put a dead letter back for a fresh set of attempts
       hub queue retrain                        retrain the spam model now (moderation scoring)`;

const QUEUE_NAME = /^[a-z][a-z0-9-]*$/;

export async function runQueueCommand(config: Config, args: readonly string[]): Promise<number> {
  const [action, name, arg] = args;
  const queueName = action === 'retrain' ? RETRAIN_QUEUE : name;
  if (
    !action ||
    !['counts', 'dead-letters', 'retry', 'retrain'].includes(action) ||
    !queueName ||
    !QUEUE_NAME.test(queueName) ||
    (action === 'retry' && !arg)
  ) {
    console.error(QUEUE_HELP);
    return 2;
  }
  const queue = new BullJobQueue<unknown>(queueName, {
    keyPrefix: config.redis.keyPrefix,
    redis: config.redis,
  });
  try {
    switch (action) {
      case 'counts':
        console.log(JSON.stringify(await queue.counts()));
        return 0;
      case 'dead-letters': {
        const limit = arg === undefined ? 100 : Number(arg);
        if (!Number.isSafeInteger(limit) || limit < 1) {
          console.error('hub: limit must be a positive integer');
          return 2;
        }
        for (const dead of await queue.deadLetters(limit)) console.log(JSON.stringify(dead));
        return 0;
      }
      case 'retry':
        try {
          await queue.retryDeadLetter(arg ?? '');
        } catch (err) {
          console.error(`hub: ${(err as Error).message}`);
          return 1;
        }
        console.log(`retrying ${arg}`);
        return 0;
      default: {
        const { id } = await queue.add('retrain', {});
        console.log(
          `retrain queued as job ${id}; workers load the new model within HUB_SCORING_MODEL_POLL_MS`,
        );
        return 0;
      }
    }
  } finally {
    await queue.close();
  }
}
