// Per-session telemetry from LiveKit's webhooks and the session's own actions, kept in Redis so
// every hub node counts into one place: peak and current participants, joins, watch time, hand
// raises, questions, poll participation. Live to hosts, saved when the session ends.
import type { LiveTelemetry } from '../../protocol/index.js';
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import type { SessionKeys } from '../keys.js';

/** The figures; the routes add whether they are live (LiveTelemetry). */
export type SessionTelemetry = Required<Omit<LiveTelemetry, 'live'>>;

const lua = (name: string) => new URL(`./${name}.lua`, import.meta.url);

export class TelemetryStore {
  private readonly joinScript: Script<[number, number]>;
  private readonly leaveScript: Script<number>;

  constructor(private readonly redis: RedisClient) {
    this.joinScript = defineScript(redis, 'hubLiveJoin', lua('participant-join'), 2);
    this.leaveScript = defineScript(redis, 'hubLiveLeave', lua('participant-leave'), 2);
  }

  async joined(
    keys: SessionKeys,
    identity: string,
    atMs: number,
  ): Promise<{ current: number; peak: number }> {
    const [current, peak] = await this.joinScript(keys.present, keys.counters, identity, atMs);
    return { current, peak };
  }

  async left(keys: SessionKeys, identity: string, atMs: number): Promise<number> {
    return this.leaveScript(keys.present, keys.counters, identity, atMs);
  }

  /** Reactions per minute with any, oldest first. */
  async reactionsByMinute(keys: SessionKeys): Promise<{ at: Date; counts: Record<string, number> }[]> {
    const raw = await this.redis.hgetall(keys.reactionsByMinute);
    const minutes = new Map<number, Record<string, number>>();
    for (const [field, count] of Object.entries(raw)) {
      const colon = field.indexOf(':');
      const minute = Number(field.slice(0, colon));
      const counts = minutes.get(minute) ?? {};
      counts[field.slice(colon + 1)] = Number(count);
      minutes.set(minute, counts);
    }
    return [...minutes.entries()]
      .sort(([a], [b]) => a - b)
      .map(([at, counts]) => ({ at: new Date(at), counts }));
  }

  /** The figures now; those still present count their stay so far. */
  async read(keys: SessionKeys, nowMs = Date.now()): Promise<SessionTelemetry> {
    // One transaction: a leave moves a stay from `present` to `watchMs` atomically, and two
    // separate reads could see it in neither (the summary then missed the host's whole stay).
    const replies = await this.redis
      .multi()
      .hgetall(keys.counters)
      .hgetall(keys.present)
      .scard(keys.pollVoters)
      .exec();
    const value = <T>(i: number): T => {
      const [err, result] = replies?.[i] ?? [new Error('telemetry transaction aborted'), null];
      if (err) throw err;
      return result as T;
    };
    const counters = value<Record<string, string>>(0);
    const present = value<Record<string, string>>(1);
    const pollVoters = value<number>(2);
    const n = (field: string) => Number(counters[field] ?? 0);
    const ongoingMs = Object.values(present).reduce((sum, at) => sum + Math.max(0, nowMs - Number(at)), 0);
    const totalWatchS = Math.round((n('watchMs') + ongoingMs) / 1000);
    const joins = n('joins');
    return {
      currentParticipants: Object.keys(present).length,
      peakParticipants: n('peak'),
      joins,
      totalWatchS,
      averageWatchS: joins === 0 ? 0 : Math.round(totalWatchS / joins),
      handRaises: n('handRaises'),
      questions: n('questions'),
      pollVoters,
    };
  }
}
