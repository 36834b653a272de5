// A private FerretDB (the pinned binary `npm test` installs, SQLite backend, its own data
// directory) for a test that must stop and restart the database without disturbing the shared
// test instance other tests use. Data survives a restart: the directory is kept.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './wait.js';

/** The binary scripts/lib.sh pins and scripts/install.sh caches. */
function ferretdbBinary(): string {
  const lib = readFileSync(new URL('../../scripts/lib.sh', import.meta.url), 'utf8');
  const version = /^FERRETDB_VERSION="([^"]+)"/m.exec(lib)?.[1];
  if (!version) throw new Error('scripts/lib.sh names no FERRETDB_VERSION');
  const cache = process.env['HUBBUB_CACHE'] ?? join(homedir(), '.cache', 'hubbub');
  return join(cache, 'bin', `ferretdb-${version}`);
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export class PrivateFerretDB {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'hubbub-ferretdb-'));

  constructor(readonly port: number) {}

  url(database: string): string {
    return `mongodb://127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    mkdirSync(join(this.dir, 'sqlite'), { recursive: true });
    mkdirSync(join(this.dir, 'state'), { recursive: true });
    const child = spawn(
      ferretdbBinary(),
      [
        '--handler=sqlite',
        `--sqlite-url=file:${join(this.dir, 'sqlite')}/`,
        `--state-dir=${join(this.dir, 'state')}`,
        `--listen-addr=127.0.0.1:${this.port}`,
        '--debug-addr=127.0.0.1:0',
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    let exited: string | undefined;
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => (exited = `ferretdb exited with ${code}: ${err}`));
    await eventually(async () => {
      if (exited) throw new Error(exited);
      return (await accepts(this.port)) || undefined;
    }, 20_000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
