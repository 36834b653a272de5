// The `hub` command: `npx hub <command>`. See `npx hub help`.
import { ConfigError, loadConfig, redactConfig, type Config } from '../config/index.js';
import { runAuditCommand } from './cli/audit-command.js';
import { runCommunityCommand } from './cli/community-command.js';
import { runQueueCommand } from './cli/queue-command.js';
import { runSeedCommand } from './cli/seed-command.js';
import { runUserCommand } from './cli/user-command.js';
import { exitOnSignals } from './lifecycle.js';
import { createLogger } from './logger.js';
import { startHubNode } from './node.js';
import { processors } from './processors.js';
import { startWorker } from './worker.js';

const HELP = `Usage: hub <command>

Commands:
  serve     run a hub node: WebSocket gateway, HTTP API, webhooks
  worker    run a worker process: the job queues (BullMQ)
  config    print the effective configuration, secrets redacted, and exit
  user      export or erase a user's data (hub user export|erase <userId>)
  community create, list, archive or delete communities (hub community help)
  seed      load the demo communities into the database (not in production)
  audit     verify, export, checkpoint audit logs (hub audit verify <communityId|system|all>)
  queue     job queues: counts, dead letters, retry, spam-model retrain (hub queue help)
  help      print this help

Configuration comes from HUB_* environment variables and an optional JSON file named by
HUB_CONFIG_FILE; see docs/configuration.md.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  if (!['serve', 'worker', 'config', 'user', 'community', 'seed', 'audit', 'queue'].includes(command)) {
    console.error(`hub: unknown command '${command}'\n\n${HELP}`);
    return 2;
  }

  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`hub: refusing to start with bad configuration.\n${err.message}`);
      return 78; // EX_CONFIG
    }
    throw err;
  }

  if (command === 'config') {
    console.log(JSON.stringify(redactConfig(config), null, 2));
    return 0;
  }
  if (command === 'user') return runUserCommand(config, argv.slice(1));
  if (command === 'community') return runCommunityCommand(config, argv.slice(1));
  if (command === 'seed') return runSeedCommand(config);
  if (command === 'audit') return runAuditCommand(config, argv.slice(1));
  if (command === 'queue') return runQueueCommand(config, argv.slice(1));
  if (command === 'serve') {
    const log = createLogger(config, 'hub');
    // Signals are handled from the start: one that arrives while the node is starting (it may
    // already answer /healthz) stops it gracefully once it has started.
    const node = startHubNode(config, log);
    exitOnSignals(async (reason) => (await node).shutdown(reason), config.shutdown.timeoutMs, log);
    await node;
    return -1; // keep running
  }
  const log = createLogger(config, 'worker');
  const worker = startWorker(config, (resources) => processors(config, resources), log);
  exitOnSignals(async (reason) => (await worker).shutdown(reason), config.shutdown.timeoutMs, log);
  await worker;
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    console.error('hub: fatal:', err);
    process.exit(1);
  },
);
