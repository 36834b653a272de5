// Each LiveKit webhook event is handled once, and a failed handling is not lost: a delivery first
// claims the event (a Redis marker holding a random token, for a short lease), marks it done only
// after handling succeeded (kept long enough to outlive the replay window), and releases the
// claim when handling throws, so LiveKit's retry of that event is handled rather than answered
// "duplicate". A node that dies mid-handling leaves a claim that expires after the lease.
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';

/** How long a claim holds while its event is handled: longer than any handling takes. */
export const CLAIM_LEASE_MS = 30_000;
const DONE = 'done';

export type Claim =
  | { kind: 'claimed'; token: string }
  /** Handled already. */
  | { kind: 'duplicate' }
  /** Another delivery of the event is being handled now. */
  | { kind: 'in_progress' };

export class WebhookMarker {
  private readonly releaseScript: Script<number>;

  constructor(private readonly redis: RedisClient) {
    this.releaseScript = defineScript(
      redis,
      'hubLivekitWebhookRelease',
      new URL('./webhook-release.lua', import.meta.url),
      1,
    );
  }

  async claim(key: string): Promise<Claim> {
    const token = randomUUID();
    if ((await this.redis.set(key, token, 'PX', CLAIM_LEASE_MS, 'NX')) !== null) {
      return { kind: 'claimed', token };
    }
    return (await this.redis.get(key)) === DONE ? { kind: 'duplicate' } : { kind: 'in_progress' };
  }

  /** The event was handled: repeats are duplicates for `keepMs`. */
  async done(key: string, keepMs: number): Promise<void> {
    await this.redis.set(key, DONE, 'PX', keepMs);
  }

  /** Handling failed: the next delivery of the event handles it. */
  async release(key: string, token: string): Promise<void> {
    await this.releaseScript(key, token);
  }
}
