// A scoring worker in a process of its own, as `hub worker` runs it, for the crash test:
// configured by HUB_* variables. With SCORING_FREEZE_AFTER_RECORD=1 it tells its parent when a
// decision is recorded and then stops there (the afterRecord hook never returns), so the parent
// can kill it at exactly that point.
import { loadConfig } from '../../config/index.js';
import { startWorker } from '../../hub/worker.js';
import { scoringProcessors } from '../../moderation/scoring/queue/processors.js';
import { createLogger } from '../../hub/logger.js';

const config = loadConfig({ env: { ...process.env, SCORING_FREEZE_AFTER_RECORD: undefined } });
const freeze = process.env['SCORING_FREEZE_AFTER_RECORD'] === '1';
const worker = await startWorker(
  config,
  (resources) =>
    scoringProcessors(config, resources, {
      ...(freeze && {
        afterRecord: async (decision) => {
          process.send?.({ recorded: decision.messageId.toHexString() });
          await new Promise(() => undefined);
        },
      }),
    }),
  createLogger(config, 'worker'),
);
process.send?.({ ready: true, workerId: worker.workerId });
