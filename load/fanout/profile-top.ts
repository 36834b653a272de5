// npm run bench:profile-top -- <file.cpuprofile> [--top 25] [--window FROM,TO]
// Where a V8 CPU profile (node --cpu-prof) spends its time: the functions with the most self
// time, and the same grouped by where the code lives (our folders, node_modules packages,
// Node's internals, the native uWS binding, garbage collection, idle). --window keeps the
// samples from FROM to TO seconds after the profile started (bench:fanout --profile prints the
// hold's window).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { selfTimes, type CpuProfile } from './profile.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, window: { type: 'string' } },
});
const file = positionals[0];
if (!file) throw new Error('profile-top: name a .cpuprofile file');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const windowS = values.window?.split(',').map(Number) as [number, number] | undefined;
const { totalMs, functions, areas } = selfTimes(profile, undefined, windowS);
const pct = (ms: number) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
console.log(
  `${file}: ${(totalMs / 1000).toFixed(1)} s sampled${windowS ? ` (${windowS.join('–')} s)` : ''}\n\nself time by area:`,
);
for (const a of areas.slice(0, 15)) console.log(`${pct(a.ms)}  ${a.name}`);
console.log('\ntop functions by self time:');
for (const f of functions.slice(0, Number(values.top))) console.log(`${pct(f.ms)}  ${f.name}  ${f.where}`);
