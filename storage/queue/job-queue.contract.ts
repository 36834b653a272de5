// The contract every JobQueue implementation must pass. Each implementation's test file calls
// describeJobQueueContract with a factory that returns a fresh, empty queue.
import { afterEach, describe, expect, it } from 'vitest';
import type { Job, JobQueue } from './job-queue.js';

type Payload = { n: number; who?: string; about?: { users: string[] }; fail?: boolean };

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

export function describeJobQueueContract(
  implementation: string,
  factory: () => Promise<JobQueue<Payload>> | JobQueue<Payload>,
): void {
  describe(`JobQueue contract: ${implementation}`, () => {
    const opened: JobQueue<Payload>[] = [];
    const open = async () => {
      const queue = await factory();
      opened.push(queue);
      return queue;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((q) => q.close()));
    });

    it('hands a job to a consumer once, with its data and attempt number', async () => {
      const queue = await open();
      const seen: Job<Payload>[] = [];
      queue.consume(async (job) => void seen.push(job));
      const { id } = await queue.add('score', { n: 1 });
      await until(() => seen.length === 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual([{ id, name: 'score', data: { n: 1 }, attempt: 1 }]);
    });

    it('deduplicates by job id', async () => {
      const queue = await open();
      await queue.add('score', { n: 1 }, { id: 'same' });
      await queue.add('score', { n: 2 }, { id: 'same' });
      const seen: number[] = [];
      queue.consume(async (job) => void seen.push(job.data.n));
      await until(() => seen.length >= 1);
      await queue.add('score', { n: 3 }, { id: 'same' }); // already done: still deduplicated
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toEqual([1]);
    });

    it('adds in bulk, each job deduplicated by its id against queued and bulk-mates alike', async () => {
      const queue = await open();
      await queue.add('score', { n: 1 }, { id: 'b1' });
      const ids = await queue.addBulk([
        { name: 'score', data: { n: 2 }, options: { id: 'b1' } },
        { name: 'score', data: { n: 3 }, options: { id: 'b2' } },
        { name: 'score', data: { n: 4 }, options: { id: 'b2' } },
      ]);
      expect(ids).toEqual([{ id: 'b1' }, { id: 'b2' }, { id: 'b2' }]);
      const seen: number[] = [];
      queue.consume(async (job) => void seen.push(job.data.n));
      await until(() => seen.length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(seen.sort()).toEqual([1, 3]);
    });

    it('does not hand out a delayed job before its time', async () => {
      const queue = await open();
      let handledAt = 0;
      queue.consume(async () => void (handledAt = Date.now()));
      const addedAt = Date.now();
      await queue.add('remind', { n: 1 }, { delayMs: 400 });
      await until(() => handledAt > 0);
      expect(handledAt - addedAt).toBeGreaterThanOrEqual(390);
    });

    it('retries a failed job, then succeeds without a dead letter', async () => {
      const queue = await open();
      const attempts: number[] = [];
      queue.consume(async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) throw new Error('transient');
      });
      await queue.add('sync', { n: 1 }, { attempts: 3, backoffMs: 20 });
      await until(() => attempts.length === 2);
      await new Promise((r) => setTimeout(r, 100));
      expect(attempts).toEqual([1, 2]);
      expect(await queue.deadLetters()).toEqual([]);
    });

    it('keeps a job that failed every attempt as a dead letter, and can retry it', async () => {
      const queue = await open();
      let failing = true;
      const handled: number[] = [];
      queue.consume(async (job) => {
        if (failing) throw new Error(`broken ${job.data.n}`);
        handled.push(job.data.n);
      });
      const { id } = await queue.add('sync', { n: 7 }, { attempts: 2, backoffMs: 20 });
      await until(async () => (await queue.deadLetters()).length === 1);
      const [dead] = await queue.deadLetters();
      expect(dead).toMatchObject({ id, name: 'sync', data: { n: 7 }, attempt: 2, error: 'broken 7' });
      expect((await queue.counts()).failed).toBe(1);

      failing = false;
      await queue.retryDeadLetter(id);
      await until(() => handled.length === 1);
      expect(handled).toEqual([7]);
      await until(async () => (await queue.deadLetters()).length === 0);
    });

    it('removes the jobs whose data names a value (finished, dead, delayed), and only those', async () => {
      const queue = await open();
      const handled: number[] = [];
      queue.consume(async (job) => {
        if (job.data.fail) throw new Error('broken');
        handled.push(job.data.n);
      });
      await queue.add('done', { n: 1, about: { users: ['bob', 'ann'] } });
      await queue.add('dead', { n: 2, who: 'ann', fail: true }, { attempts: 1 });
      await queue.add('later', { n: 3, who: 'ann' }, { delayMs: 60_000 });
      await queue.add('other', { n: 4, who: 'anna' });
      await queue.add('later', { n: 5, who: 'bob' }, { delayMs: 60_000 });
      await until(async () => handled.length === 2 && (await queue.deadLetters()).length === 1);

      expect(await queue.removeJobsMentioning('ann')).toBe(3);
      expect(await queue.deadLetters()).toEqual([]);
      expect((await queue.counts()).delayed).toBe(1);
      expect(await queue.removeJobsMentioning('ann')).toBe(0);
      expect(await queue.removeJobsMentioning('anna')).toBe(1);
    });

    it('runs a repeated job about every interval, scheduled once however often it is asked for', async () => {
      const queue = await open();
      const runs: number[] = [];
      queue.consume(async (job) => void runs.push(job.data.n));
      await queue.every('sweep', { n: 1 }, 200);
      await queue.every('sweep', { n: 1 }, 200);
      await until(() => runs.length >= 1, 5_000);
      const firstAt = runs.length;
      await new Promise((r) => setTimeout(r, 1_000));
      // About five in a second; twice that if asking twice had scheduled it twice.
      expect(runs.length - firstAt).toBeGreaterThanOrEqual(3);
      expect(runs.length - firstAt).toBeLessThanOrEqual(7);
      await queue.stopEvery('sweep');
      const stoppedAt = runs.length;
      await new Promise((r) => setTimeout(r, 500));
      expect(runs.length).toBeLessThanOrEqual(stoppedAt + 1);
      expect(runs.every((n) => n === 1)).toBe(true);
    });

    it('shares one queue among several consumers, each job handled exactly once', async () => {
      const queue = await open();
      const counts = new Map<number, number>();
      const handler = async (job: Job<Payload>) =>
        void counts.set(job.data.n, (counts.get(job.data.n) ?? 0) + 1);
      queue.consume(handler, { concurrency: 2 });
      queue.consume(handler, { concurrency: 2 });
      await until(async () => (await queue.consumerCount()) >= 2);
      await Promise.all(Array.from({ length: 30 }, (_, n) => queue.add('score', { n })));
      await until(() => counts.size === 30);
      await new Promise((r) => setTimeout(r, 150));
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
      expect(await queue.counts()).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    });
  });
}
