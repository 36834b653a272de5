// npm run load:<scenario> — runs one artillery scenario (load/artillery/scenarios/<name>.yml)
// against Hubbub with the hubbub engine (the client SDK inside artillery).
//   default     starts its own Redis and two hub nodes (test profile's FerretDB, a database of
//               its own), seeds a community with the scenario's channels and members, stops all
//   --target    ws://host:port/ws[,ws://…]: a hub already running; then --mongo names its
//               database (the community is seeded there) and tokens are signed with the test
//               profile's secret, so the hub must run with HUB_ENV=test HUB_DEMO_ENABLED=true (as the tests' hubs)
// Loopback only, bounded in time (the scenario's phases, plus a hard stop), telemetry off.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PrivateRedis, freePort } from '../../test/support/redis-server.js';
import { benchCommunity } from '../fanout/hubbub-community.js';
import { killAll } from '../fanout/processes.js';
import { SYSTEMS, startSystem, type RunningSystem } from '../fanout/systems.js';

/** Channels and members each scenario's fixture gets. */
const SCENARIOS: Record<string, { channels: number; users: number; maxS: number }> = {
  'chat-room': { channels: 1, users: 300, maxS: 60 },
  'presence-churn': { channels: 5, users: 300, maxS: 50 },
  'mixed-community': { channels: 50, users: 400, maxS: 60 },
  'reconnect-storm': { channels: 5, users: 300, maxS: 60 },
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { target: { type: 'string' }, mongo: { type: 'string' } },
});
const name = positionals[0] ?? '';
const scenario = SCENARIOS[name];
if (!scenario)
  throw new Error(`load: unknown scenario "${name}"; one of ${Object.keys(SCENARIOS).join(', ')}`);
if (values.target && !values.mongo)
  throw new Error('load: --target needs --mongo (the database the hub uses)');
for (const url of values.target?.split(',') ?? [])
  if (!/^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url))
    throw new Error(`load: ${url} is not a loopback URL; these scenarios run on this machine only`);
process.on('exit', killAll);

const users = Array.from({ length: scenario.users }, (_, i) => `load-${i}`);
console.error(`load: seeding ${scenario.channels} channel(s) and ${users.length} members…`);
const community = await benchCommunity(users, scenario.channels, values.mongo);
let redis: PrivateRedis | undefined;
let system: RunningSystem | undefined;
const dir = join(tmpdir(), `hubbub-load-${randomUUID().slice(0, 8)}`);
let code = 1;
try {
  let urls = values.target?.split(',');
  if (!urls) {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    system = await startSystem(SYSTEMS.hubbub, {
      redisUrl: redis.url,
      prefix: `load-${randomUUID().slice(0, 6)}`,
      serverCpus: undefined,
      hubbub: community,
    });
    urls = system.urls;
  }
  mkdirSync(dir, { recursive: true });
  const fixture = join(dir, 'fixture.json');
  writeFileSync(
    fixture,
    JSON.stringify({
      urls,
      channels: community.topics,
      tokens: await community.tokens('load', users.length),
    }),
  );
  mkdirSync('load/results/artillery', { recursive: true });
  const script = new URL(`./scenarios/${name}.yml`, import.meta.url).pathname;
  console.error(`load: ${name} against ${urls.join(', ')}`);
  code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      ['node_modules/artillery/bin/run', 'run', '--output', `load/results/artillery/${name}.json`, script],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          NODE_PATH: new URL('./engines', import.meta.url).pathname,
          HUBBUB_LOAD_FIXTURE: fixture,
          ARTILLERY_DISABLE_TELEMETRY: 'true',
          DO_NOT_TRACK: '1',
        },
      },
    );
    const stop = setTimeout(() => child.kill('SIGKILL'), scenario.maxS * 1000 + 60_000);
    child.once('exit', (c) => {
      clearTimeout(stop);
      resolve(c ?? 1);
    });
  });
  const report = JSON.parse(readFileSync(`load/results/artillery/${name}.json`, 'utf8')) as {
    aggregate: { counters: Record<string, number>; summaries: Record<string, { p50: number; p99: number }> };
  };
  console.error(`load: ${name} done; report in load/results/artillery/${name}.json`);
  console.log(JSON.stringify({ scenario: name, counters: report.aggregate.counters }));
} finally {
  rmSync(dir, { recursive: true, force: true });
  await system?.stop();
  await redis?.stop();
  await community.drop().catch(() => undefined);
}
process.exit(code);
