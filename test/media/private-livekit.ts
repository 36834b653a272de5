// A private LiveKit dev server for one test file, whose webhooks go to that file's hub: the
// shared test server cannot know the random port of a test's hub. Same pinned binary as
// scripts/services.sh builds (scripts/lib.sh), on free loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/redis-server.js';
import { eventually } from '../support/wait.js';

export const LIVEKIT_BIN = join(
  process.env['HUBBUB_CACHE'] ?? join(homedir(), '.cache', 'hubbub'),
  'bin',
  'livekit-server-v1.13.5',
);

export class PrivateLiveKit {
  private child?: ChildProcess;
  private output = '';

  private constructor(readonly port: number) {}

  static available(): boolean {
    return existsSync(LIVEKIT_BIN);
  }

  static async reserve(): Promise<PrivateLiveKit> {
    return new PrivateLiveKit(await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(webhookUrl: string): Promise<void> {
    const [tcp, udp] = [await freePort(), await freePort()];
    const config = [
      `port: ${this.port}`,
      'rtc:',
      `  tcp_port: ${tcp}`,
      `  udp_port: ${udp}`,
      '  node_ip: 127.0.0.1',
      '  use_external_ip: false',
      'keys:',
      '  devkey: secret',
      'webhook:',
      '  api_key: devkey',
      '  urls:',
      `    - ${webhookUrl}`,
      'logging:',
      '  level: warn',
    ].join('\n');
    const child = spawn(LIVEKIT_BIN, ['--dev', '--bind', '127.0.0.1', '--config-body', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    await eventually(async () => (await fetch(this.url).catch(() => null))?.ok, 20_000, 100).catch(() => {
      throw new Error(`livekit did not start:\n${this.output}`);
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
