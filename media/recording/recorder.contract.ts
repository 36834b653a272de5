// The contract every Recorder must pass. Each implementation's test file calls
// describeRecorderContract with a factory; each test records rooms of its own, so the recorders
// a factory returns may share one server.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecordingNotFound, RecordingStateError, type Recorder, type RecordingState } from './recorder.js';

export interface RecorderFixture {
  recorder: Recorder;
  /** A room to record, named for one test alone (created wherever the backend needs it). */
  room(): Promise<string>;
  /** Whether a complete recording has a file (`url` set), or never does (null). */
  files: boolean;
}

/** How long a backend may take to finish a stopped recording's file. */
const FINISH_MS = 60_000;

/** The recording once the backend has finished with it (complete or failed). */
async function finished(recorder: Recorder, id: string): Promise<RecordingState> {
  const deadline = Date.now() + FINISH_MS;
  for (;;) {
    const now = await recorder.status(id);
    if (now.status === 'complete' || now.status === 'failed') return now;
    if (Date.now() > deadline) throw new Error(`recording ${id} still ${now.status} after ${FINISH_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function describeRecorderContract(name: string, fixture: () => Promise<RecorderFixture>): void {
  describe(`Recorder contract: ${name}`, { timeout: FINISH_MS + 30_000 }, () => {
    it('starts a recording that reads back as recording, with no file yet', async () => {
      const { recorder, room } = await fixture();
      const started = await recorder.start(await room());
      expect(started).toMatchObject({ status: 'recording', url: null });
      expect(started.id).not.toBe('');
      expect(await recorder.status(started.id)).toMatchObject({
        id: started.id,
        status: 'recording',
        url: null,
      });
      await recorder.stop(started.id);
    });

    it('stops once: then complete, with a file where the backend keeps one; a second stop is refused', async () => {
      const { recorder, room, files } = await fixture();
      const { id } = await recorder.start(await room());
      const stopped = await recorder.stop(id);
      expect(['stopping', 'complete']).toContain(stopped.status);
      const done = await finished(recorder, id);
      expect(done.status).toBe('complete');
      if (files) expect(done.url).toEqual(expect.any(String));
      else expect(done.url).toBeNull();
      await expect(recorder.stop(id)).rejects.toBeInstanceOf(RecordingStateError);
    });

    it('answers an id it does not know with RecordingNotFound', async () => {
      const { recorder } = await fixture();
      const unknown = `EG_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      await expect(recorder.status(unknown)).rejects.toBeInstanceOf(RecordingNotFound);
      await expect(recorder.stop(unknown)).rejects.toBeInstanceOf(RecordingNotFound);
    });

    it('records rooms independently: stopping one leaves the other recording', async () => {
      const { recorder, room } = await fixture();
      const [a, b] = await Promise.all([recorder.start(await room()), recorder.start(await room())]);
      expect(a.id).not.toBe(b.id);
      await recorder.stop(a.id);
      expect((await recorder.status(b.id)).status).toBe('recording');
      await recorder.stop(b.id);
    });
  });
}
