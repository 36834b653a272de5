// The recorder of development and tests (HUB_MEDIA_RECORDER=local, the default): it records NO
// media. It keeps each recording's metadata (room, status) in Redis, so every hub node sees the
// same recordings, and answers as the recording contract says: recording, then complete once
// stopped, with no file (`url` null). A deployment that wants recordings runs LiveKit Egress
// (HUB_MEDIA_RECORDER=egress, egress-recorder.ts).
import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import { RecordingNotFound, RecordingStateError, type Recorder, type RecordingState } from './recorder.js';

/** Metadata outlives any session by far, and then goes. */
const KEEP_S = 7 * 86_400;

export class LocalRecorder implements Recorder {
  readonly backend = 'local';
  private readonly stopScript: Script<number>;

  constructor(
    private readonly redis: RedisClient,
    /** The key of one recording's metadata (media/keys.ts). */
    private readonly keyOf: (id: string) => string,
  ) {
    this.stopScript = defineScript(
      redis,
      'hubLocalRecordingStop',
      new URL('./local-recording-stop.lua', import.meta.url),
      1,
    );
  }

  async start(room: string): Promise<RecordingState> {
    const id = `LR_${randomBytes(9).toString('base64url')}`;
    await this.redis
      .multi()
      .hset(this.keyOf(id), { room, status: 'recording', startedAt: String(Date.now()) })
      .expire(this.keyOf(id), KEEP_S)
      .exec();
    return { id, status: 'recording', url: null };
  }

  async stop(id: string): Promise<RecordingState> {
    const moved = await this.stopScript(this.keyOf(id), Date.now());
    if (moved === -1) throw new RecordingNotFound(id);
    if (moved === 0) throw new RecordingStateError('the recording has stopped already');
    return { id, status: 'complete', url: null };
  }

  async status(id: string): Promise<RecordingState> {
    const status = await this.redis.hget(this.keyOf(id), 'status');
    if (status !== 'recording' && status !== 'complete') throw new RecordingNotFound(id);
    return { id, status, url: null };
  }
}
