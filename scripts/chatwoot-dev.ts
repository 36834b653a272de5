// `npm start`'s stand-in for Chatwoot, which cannot run on these machines: the contract double
// of the tests (test/support/chatwoot-double.ts: Chatwoot's Application API endpoints Hubbub
// uses, every request checked against the pinned published OpenAPI, webhooks signed as Chatwoot
// signs them) as a local development server, so the demo page has a working support inbox.
// Its state is kept in .data/dev/ across restarts; once the hub is ready it seeds the demo
// member's support conversation (idempotent). Development only: scripts/start.sh runs it when
// HUB_CHATWOOT_BASE_URL is not set, and points the hub at it.
//
//   tsx scripts/chatwoot-dev.ts --port 8095 --hub http://127.0.0.1:8090 --state .data/dev/chatwoot-double.json
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ChatwootDouble, type DoubleState } from '../test/support/chatwoot-double.js';
import { DEMO_CHATWOOT_AGENTS, seedSupportDemo } from './support-demo.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, hub: { type: 'string' }, state: { type: 'string' } },
});
const port = Number(values.port);
const hub = values.hub ?? '';
const statePath = values.state ?? '';
if (!Number.isInteger(port) || !hub || !statePath) {
  console.error('usage: chatwoot-dev.ts --port <port> --hub <hub url> --state <file>');
  process.exit(2);
}
// The credentials the hub was given (scripts/start.sh exports them), so both sides agree.
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    console.error(`chatwoot-dev.ts: ${name} must be set (scripts/start.sh sets it)`);
    process.exit(2);
  }
  return value;
};
const log = (message: string) => console.error(`\x1b[2m[chatwoot double]\x1b[0m ${message}`);

const double = await ChatwootDouble.start(
  {
    apiAccessToken: env('HUB_CHATWOOT_API_ACCESS_TOKEN'),
    accountId: Number(process.env['HUB_CHATWOOT_ACCOUNT_ID'] ?? 1),
    inboxId: Number(process.env['HUB_CHATWOOT_INBOX_ID'] ?? 1),
    hmacToken: env('HUB_CHATWOOT_HMAC_TOKEN'),
    webhookSecret: env('HUB_CHATWOOT_WEBHOOK_SECRET'),
    webhookUrl: `${hub}/webhooks/chatwoot`,
    agents: DEMO_CHATWOOT_AGENTS,
  },
  port,
).catch((err: NodeJS.ErrnoException) => {
  log(err.code === 'EADDRINUSE' ? `port ${port} is taken: is another double running?` : err.message);
  process.exit(1);
});
if (existsSync(statePath)) {
  double.load(JSON.parse(readFileSync(statePath, 'utf8')) as DoubleState);
  log(`restored ${double.conversations.length} conversations from ${statePath}`);
}

let saved = '';
let reported = 0;
function save(): void {
  const json = JSON.stringify(double.snapshot());
  if (json === saved) return;
  mkdirSync(dirname(statePath), { recursive: true });
  writeFileSync(`${statePath}.tmp`, json);
  renameSync(`${statePath}.tmp`, statePath); // never a half-written file
  saved = json;
}
const timer = setInterval(() => {
  save();
  // A contract violation is a bug in Hubbub's client: say so, once each.
  const violations = double.violations();
  for (const v of violations.slice(reported))
    log(`contract violation: ${v.method} ${v.path}: ${v.violation}`);
  reported = violations.length;
  // A long-running server keeps only recent history of what it saw.
  if (double.requests.length > 2_000) {
    const dropped = double.requests.splice(0, double.requests.length - 1_000);
    reported -= dropped.filter((r) => r.violation).length;
  }
  if (double.deliveries.length > 2_000) double.deliveries.splice(0, double.deliveries.length - 1_000);
}, 2_000);

async function stop(): Promise<void> {
  clearInterval(timer);
  save();
  await double.close();
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
log(`Chatwoot contract double on ${double.url} (development only)`);

// Seed the demo's support conversation once the hub answers.
for (let i = 0; i < 600; i++) {
  if (
    await fetch(`${hub}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
  ) {
    try {
      log(`demo support conversation: ${await seedSupportDemo(hub)}`);
    } catch (err) {
      log(`could not seed the demo support conversation: ${(err as Error).message}`);
    }
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
