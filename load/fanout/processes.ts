// Server processes of the benchmark: started pinned to the servers' cores with taskset, ready
// when they say so (or answer on a health URL), measured through /proc, and always stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpuTicksOf, rssKBOf } from './stats.js';

export interface ServerProcess {
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Kills every server still running (on the way out, whatever happened). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

export interface StartOptions {
  argv: string[];
  env: Record<string, string | undefined>;
  /** A CPU list for taskset (e.g. "1"), or undefined to leave the process unpinned. */
  cpus: string | undefined;
  /** Ready when a line of stdout is exactly this... */
  readyLine?: string;
  /** ...or when the output (stdout or stderr) contains this... */
  readyText?: string;
  /** ...or when this URL answers 200. */
  healthUrl?: string;
  timeoutMs?: number;
}

export async function startProcess(o: StartOptions): Promise<ServerProcess> {
  const [command, ...args] = o.cpus ? ['taskset', '-c', o.cpus, ...o.argv] : o.argv;
  const child = spawn(command as string, args, { env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (o.readyLine && output.split('\n').includes(o.readyLine)) resolve();
      if (o.readyText && output.includes(o.readyText)) resolve();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
      if (o.readyText && output.includes(o.readyText)) resolve();
    });
    void exited.then(() => reject(new Error(`${o.argv.join(' ')} exited before it was ready:\n${output}`)));
    if (o.healthUrl) void poll(o.healthUrl, exited).then(resolve, reject);
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`${o.argv.join(' ')} not ready in time:\n${output}`)),
      o.timeoutMs ?? 30_000,
    ).unref(),
  );
  try {
    await Promise.race([ready, timeout]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { pid: child.pid as number, output: () => output, stop };
}

async function poll(url: string, exited: Promise<void>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux). */
export const TICKS_PER_S = 100;

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    return cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

export function rssKB(pid: number): number {
  return rssKBOf(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** A process and all its descendants now (from /proc's children lists); [] when it is gone. */
export function withDescendants(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    out.push(p);
    for (const task of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(' ')) if (child.trim()) visit(Number(child));
    }
  };
  visit(pid);
  return out;
}
