// Access taken away on this node's live connections, as the control bus tells every node: a ban
// ends a user's subscriptions to a community's topics, an erased account is disconnected, and a
// change of a community's permissions has every local subscription to its topics asked about
// again (deny unless allowed). When the control subscription comes back after a loss, the
// messages sent meanwhile were missed, so every community subscription is asked about again.
import type { Logger } from 'pino';
import { parseTopic, type CloseCodeName, type FrameError } from '../../protocol/index.js';
import type { ControlBus } from '../control.js';
import type { Authorizer } from './authorizer.js';
import type { Connection } from './connection.js';
import { hasPresence, type PresenceTracker } from './presence-tracker.js';

export interface RevocationDeps {
  /** The node's open connections (the gateway's own set, read as it changes). */
  connections: ReadonlySet<Connection>;
  authorizer: Authorizer;
  tracker: PresenceTracker;
  log: Logger;
  /** Closes a connection with a close code (the gateway counts and logs it). */
  close: (conn: Connection, name: CloseCodeName) => void;
}

export class Revocations {
  constructor(private readonly deps: RevocationDeps) {}

  /**
   * Acts on the control bus's messages. The handlers registered before these (the community
   * domain's, created before the gateway) drop its cached permissions first, so a re-check below
   * reads the change; on a comeback of the subscription likewise, the whole cache first.
   */
  listen(control: ControlBus): void {
    control.onResubscribed(() => void this.recheckAllCommunities());
    control.onMessage((m) => {
      if (m.op === 'disconnect') this.disconnectUser(m.userId, m.close);
      else if (m.op === 'invalidate') void this.recheckCommunity(m.communityId);
      else if (m.op === 'drop') {
        this.dropSubscriptions(
          m.userId,
          (t) => m.topicPrefixes.some((prefix) => t.startsWith(prefix)),
          m.code,
        );
      }
    });
  }

  /** Closes every local connection of a user (a ban, an erased account). */
  disconnectUser(userId: string, name: CloseCodeName): number {
    let n = 0;
    for (const conn of this.deps.connections) {
      if (conn.user?.id === userId) {
        this.deps.close(conn, name);
        n++;
      }
    }
    return n;
  }

  /** Ends a user's local subscriptions that match, telling the client why (permission lost). */
  dropSubscriptions(userId: string, matches: (topic: string) => boolean, code: FrameError['code']): number {
    let n = 0;
    for (const conn of this.deps.connections) {
      if (conn.user?.id !== userId) continue;
      for (const topic of [...conn.subscriptions]) {
        if (!matches(topic)) continue;
        this.drop(conn, topic, code);
        n++;
      }
    }
    return n;
  }

  /**
   * Asks the authorizer again about every local subscription to a community's topics (its
   * permissions, roles, channels or members changed) and ends those no longer allowed with
   * `forbidden`; one whose check fails ends with `not_ready` (deny unless allowed), and the
   * client may subscribe again. Resolves with the number ended.
   */
  recheckCommunity(communityId: string): Promise<number> {
    // `includes` first, cheap: invalidations can be frequent.
    return this.recheck(
      (topic) => topic.includes(communityId),
      (community) => community === communityId,
    );
  }

  /**
   * The same for every local subscription to any community's topics: when the control
   * subscription is back after a loss, the invalidations sent meanwhile were missed.
   */
  recheckAllCommunities(): Promise<number> {
    return this.recheck(
      () => true,
      () => true,
    );
  }

  private async recheck(
    mayConcern: (topic: string) => boolean,
    concerns: (community: string | null) => boolean,
  ): Promise<number> {
    const checks: Promise<boolean>[] = [];
    for (const conn of this.deps.connections) {
      const user = conn.user;
      if (!user) continue;
      for (const topic of conn.subscriptions) {
        if (!mayConcern(topic)) continue;
        const parsed = parseTopic(topic);
        if (!parsed || !('community' in parsed) || !concerns(parsed.community)) continue;
        const check = (async () => this.deps.authorizer.canSubscribe(user, parsed))().then(
          (allowed): FrameError['code'] | undefined => (allowed ? undefined : 'forbidden'),
          (err: unknown) => {
            this.deps.log.warn({ err, topic, user: user.id }, 'subscription re-check failed');
            return 'not_ready' as const;
          },
        );
        checks.push(
          check.then((code) => {
            if (!code || conn.closed || !conn.subscriptions.has(topic)) return false;
            this.drop(conn, topic, code);
            return true;
          }),
        );
      }
    }
    return (await Promise.all(checks)).filter(Boolean).length;
  }

  private drop(conn: Connection, topic: string, code: FrameError['code']): void {
    conn.subscriptions.delete(topic);
    conn.unsubscribe(topic);
    conn.send(JSON.stringify({ type: 'unsub', channel: topic, code }));
    const parsed = parseTopic(topic);
    if (parsed && hasPresence(parsed)) void this.deps.tracker.leave(topic, conn).catch(() => undefined);
  }
}
