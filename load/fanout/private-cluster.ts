// The benchmark's own Redis Cluster for the `hubbubCluster` system: six redis-server processes on
// free loopback ports, joined by `redis-cli --cluster create … --cluster-replicas 1` into three
// masters with a replica each, configured as the cluster profile's (scripts/redis-cluster.sh:
// node timeout 2 s, full coverage not required, nothing saved to disk). Private, so a benchmark
// shares nothing with the tests' cluster and may kill a master: the failover phase kills the one
// owning the hot channel's slot, then restarts it (it rejoins as a replica).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from '../../test/support/redis-server.js';

const run = promisify(execFile);
const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A master that stops answering for this long is failed over (as in the cluster profile). */
export const NODE_TIMEOUT_MS = 2000;

/** The master serving `slot` in a CLUSTER NODES reply (`host:port`), or undefined. Masters
 * flagged `fail` are skipped: after a failover the dead one may still be listed. */
export function masterOfSlot(clusterNodes: string, slot: number): string | undefined {
  for (const line of clusterNodes.split('\n')) {
    const [, address, flags, , , , , , ...slots] = line.trim().split(' ');
    if (!address || !flags?.split(',').includes('master') || flags.includes('fail')) continue;
    const served = slots.some((range) => {
      if (range.startsWith('[')) return false; // a slot being migrated
      const [from, to = from] = range.split('-').map(Number);
      return from !== undefined && to !== undefined && slot >= from && slot <= to;
    });
    if (served) return address.split('@')[0];
  }
  return undefined;
}

export class PrivateRedisCluster {
  private readonly nodes = new Map<number, ChildProcess>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'hubbub-bench-cluster-'));

  private constructor(
    readonly ports: number[],
    private readonly cpus: string | undefined,
  ) {}

  /** Starts six nodes (pinned to `cpus` when given) and waits until the cluster is ok. */
  static async start(cpus: string | undefined): Promise<PrivateRedisCluster> {
    const ports: number[] = [];
    while (ports.length < 6) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const cluster = new PrivateRedisCluster(ports, cpus);
    await Promise.all(ports.map((port) => cluster.startNode(port)));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
    await cluster.waitOk();
    return cluster;
  }

  /** HUB_REDIS_CLUSTER_NODES for the hub processes (all nodes: any would do). */
  get seedNodes(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  /** The running nodes' pids: their CPU counts as the system's Redis. */
  get pids(): number[] {
    return [...this.nodes.values()].flatMap((c) => (c.pid && running(c) ? [c.pid] : []));
  }

  /** Empties every master (replicas follow), before each measurement. */
  async flush(): Promise<void> {
    await this.eachNode(async (redis) => {
      const role = (await redis.call('ROLE')) as [string];
      if (role[0] === 'master') await redis.flushall();
    });
  }

  /** The port of the master now serving `key`'s slot. */
  async masterOf(key: string): Promise<number> {
    const port = this.livePorts()[0] as number;
    const redis = new Redis(port, '127.0.0.1', { lazyConnect: true });
    try {
      const slot = Number(await redis.call('CLUSTER', 'KEYSLOT', key));
      const address = masterOfSlot(String(await redis.call('CLUSTER', 'NODES')), slot);
      if (!address) throw new Error(`bench: no master serves slot ${slot}`);
      return Number(address.split(':')[1]);
    } finally {
      redis.disconnect();
    }
  }

  /** Kills the node on `port` at once (SIGKILL, as a crash). */
  kill(port: number): void {
    this.nodes.get(port)?.kill('SIGKILL');
  }

  /** Starts the node on `port` again (it rejoins as a replica) and waits until all are ok. */
  async restart(port: number): Promise<void> {
    const child = this.nodes.get(port);
    if (child && running(child)) await new Promise((resolve) => child.once('exit', resolve));
    await this.startNode(port);
    await this.waitOk();
  }

  /** Stops every node (also usable on the way out: synchronous). */
  stop(): void {
    for (const child of this.nodes.values()) child.kill('SIGKILL');
  }

  private livePorts(): number[] {
    return this.ports.filter((p) => {
      const c = this.nodes.get(p);
      return c !== undefined && running(c);
    });
  }

  private async eachNode(fn: (redis: Redis) => Promise<void>): Promise<void> {
    await Promise.all(
      this.livePorts().map(async (port) => {
        const redis = new Redis(port, '127.0.0.1', { lazyConnect: true });
        try {
          await fn(redis);
        } finally {
          redis.disconnect();
        }
      }),
    );
  }

  /** Every running node says cluster_state:ok and knows all six (a restarted one included). */
  private async waitOk(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let ok = true;
      await this.eachNode(async (redis) => {
        const info = String(await redis.call('CLUSTER', 'INFO'));
        if (!info.includes('cluster_state:ok') || !info.includes('cluster_known_nodes:6')) ok = false;
      }).catch(() => (ok = false));
      if (ok) return;
      if (Date.now() > deadline) throw new Error('bench: the private Redis Cluster is not ok');
      await sleep(200);
    }
  }

  private async startNode(port: number): Promise<void> {
    const dir = join(this.dir, String(port));
    mkdirSync(dir, { recursive: true });
    const args = [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
      ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
      ...['--cluster-node-timeout', String(NODE_TIMEOUT_MS), '--cluster-require-full-coverage', 'no'],
      ...['--save', '', '--appendonly', 'no'],
    ];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.nodes.set(port, child);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server ${port} exited with ${code}: ${out}`)));
    });
    if (this.cpus && child.pid) await run('taskset', ['-pc', this.cpus, String(child.pid)]);
  }
}
