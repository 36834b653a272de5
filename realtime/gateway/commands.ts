// What each command does, once the frame was parsed and validated. Handlers return the reply's
// result (as an object, or as ready JSON text for the large ones) or throw a CommandError.
import type {
  Command,
  ConnectResult,
  HistoryResult,
  PresenceResult,
  PresenceStatsResult,
  PublishResult,
  StreamPosition,
  Topic,
} from '../../protocol/index.js';
import { CloseCodes, parseTopic } from '../../protocol/index.js';
import type { Logger } from 'pino';
import type { MessageStore } from '../../storage/messages/message-store.js';
import { TokenError, type AuthUser, type TokenVerifier } from '../auth/token-verifier.js';
import type { Broker } from '../broker/broker.js';
import { pubFrame, pubTail } from '../broker/frames.js';
import type { PresenceStore } from '../presence/presence-store.js';
import type { PublishPipeline } from '../publish/pipeline.js';
import type { Publisher } from '../publisher.js';
import type { Authorizer } from './authorizer.js';
import { CommandError } from './command-error.js';
import { publishDataJson } from './commands.schema.js';
import type { Connection } from './connection.js';
import type { LocalTopics } from './local-topics.js';
import { hasPresence, ONLINE, type PresenceTracker } from './presence-tracker.js';
import { recover } from './recovery.js';

export interface CommandLimits {
  maxSubscriptionsPerConnection: number;
  typingThrottleMs: number;
  recoveryMaxCount: number;
  clockSkewMs: number;
}

export interface CommandContext {
  nodeId: string;
  verifier: TokenVerifier;
  authorizer: Authorizer;
  broker: Broker;
  store: MessageStore;
  /** Positions (restored from the store when Redis lost them). */
  publisher: Publisher;
  /** A client's publish, stage by stage. */
  pipeline: PublishPipeline;
  presenceStore: PresenceStore;
  presence: PresenceTracker;
  topics: LocalTopics;
  log: Logger;
  limits: CommandLimits;
}

/**
 * A result already serialized as JSON, spliced into the reply without re-encoding, with the
 * frames that must follow the reply before anything else (a subscription's buffered frames).
 */
export class RawJson {
  constructor(
    readonly json: string,
    readonly followUp: readonly string[] = [],
  ) {}
}

export type CommandResult = object | RawJson;

/**
 * @param sequenced called when the command's effect on ordering is done (a publish has its
 *   offset); the connection's next command may start then. Called at the end otherwise.
 */
export async function runCommand(
  ctx: CommandContext,
  conn: Connection,
  command: Command,
  sequenced: () => void = () => undefined,
): Promise<CommandResult> {
  if (command.type === 'ping') return {};
  if (command.type === 'connect') return connect(ctx, conn, command.token);
  const user = conn.user;
  if (!user) throw new CommandError('unauthenticated', 'send connect first');
  switch (command.type) {
    case 'refresh':
      return refresh(ctx, conn, user, command.token);
    case 'subscribe':
      return subscribe(ctx, conn, user, topicOf(command.channel), command.since);
    case 'unsubscribe':
      return unsubscribe(ctx, conn, topicOf(command.channel));
    case 'publish':
      return publish(ctx, conn, user, topicOf(command.channel), command.data, command.nonce, sequenced);
    case 'history':
      return history(ctx, user, topicOf(command.channel), command.before, command.limit ?? 50);
    case 'presence':
      return presenceList(ctx, user, topicOf(command.channel));
    case 'presence_stats':
      return presenceStats(ctx, user, topicOf(command.channel));
    case 'typing':
      return typing(ctx, conn, user, topicOf(command.channel));
    case 'set_status':
      await ctx.presence.setStatus(conn, command.status);
      return {};
  }
}

function topicOf(channel: string): Topic {
  const topic = parseTopic(channel);
  if (!topic)
    throw new CommandError('validation_failed', `channel: ${JSON.stringify(channel)} is not a topic name`);
  return topic;
}

async function verify(ctx: CommandContext, token: string): Promise<AuthUser> {
  try {
    return await ctx.verifier.verify(token);
  } catch (err) {
    if (err instanceof TokenError)
      throw new ConnectionRefused(err.problem === 'expired' ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', err.message);
    throw err;
  }
}

/** A command whose failure ends the connection with a close code rather than an error reply. */
export class ConnectionRefused extends Error {
  constructor(
    readonly close: keyof typeof CloseCodes,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionRefused';
  }
}

/** Ends the connection when its token expires, past the tolerated clock skew. */
function scheduleExpiry(ctx: CommandContext, conn: Connection, user: AuthUser): void {
  clearTimeout(conn.expiryTimer);
  const inMs = Math.max(0, user.expiresAt + ctx.limits.clockSkewMs - Date.now());
  conn.expiryTimer = setTimeout(
    () => conn.end(CloseCodes.TOKEN_EXPIRED.code, CloseCodes.TOKEN_EXPIRED.reason),
    inMs,
  );
  conn.expiryTimer.unref();
}

async function connect(ctx: CommandContext, conn: Connection, token: string): Promise<ConnectResult> {
  if (conn.user) throw new CommandError('conflict', 'already connected; use refresh for a new token');
  const user = await verify(ctx, token);
  conn.user = user;
  clearTimeout(conn.connectTimer);
  scheduleExpiry(ctx, conn, user);
  void ctx.presence.join(ONLINE, conn).catch(() => undefined);
  return {
    connectionId: conn.id,
    node: ctx.nodeId,
    user: { id: user.id, name: user.name },
    expiresAt: user.expiresAt,
  };
}

async function refresh(
  ctx: CommandContext,
  conn: Connection,
  user: AuthUser,
  token: string,
): Promise<{ expiresAt: number }> {
  let next: AuthUser;
  try {
    next = await ctx.verifier.verify(token);
  } catch (err) {
    if (err instanceof TokenError)
      throw new CommandError(err.problem === 'expired' ? 'token_expired' : 'unauthenticated', err.message);
    throw err;
  }
  if (next.id !== user.id) throw new CommandError('forbidden', 'a refreshed token must be for the same user');
  conn.user = next;
  scheduleExpiry(ctx, conn, next);
  return { expiresAt: next.expiresAt };
}

async function mayView(ctx: CommandContext, user: AuthUser, topic: Topic): Promise<void> {
  // Refused and missing look the same: nobody learns that a channel they cannot see exists.
  if (!(await ctx.authorizer.canSubscribe(user, topic))) throw new CommandError('forbidden');
}

async function subscribe(
  ctx: CommandContext,
  conn: Connection,
  user: AuthUser,
  topic: Topic,
  since: StreamPosition | undefined,
): Promise<RawJson> {
  const name = topic.name;
  if (conn.subscriptions.has(name) || conn.joining.has(name)) throw new CommandError('already_subscribed');
  if (conn.subscriptions.size + conn.joining.size >= ctx.limits.maxSubscriptionsPerConnection) {
    throw new CommandError('subscription_limit');
  }
  await mayView(ctx, user, topic);
  conn.joining.add(name);
  const joiner = await ctx.topics.beginJoin(name).catch((err: unknown) => {
    conn.joining.delete(name);
    throw err;
  });
  try {
    const position = await ctx.publisher.position(name);
    let frames: string[] = [];
    let recovery = '';
    if (since) {
      const outcome = await recover(
        name,
        since,
        position,
        ctx.broker,
        ctx.store,
        ctx.limits.recoveryMaxCount,
      );
      if (outcome.recovered) frames = outcome.frames;
      recovery = outcome.recovered ? ',"recovered":true' : `,"recovered":false,"reason":"${outcome.reason}"`;
    }
    if (conn.closed) return new RawJson('{}');
    // From here to the reply no I/O callback can run (only the microtask that sends it), so:
    // the reply, then what arrived while joining and is newer, then uWS's live delivery.
    const result = new RawJson(
      `{"channel":${JSON.stringify(name)},"position":${JSON.stringify(position)}${recovery},"publications":[${frames.join(',')}]}`,
      joiner.buffer.filter((frame) => !isPubAtOrBefore(frame, position.offset)),
    );
    conn.subscribe(name);
    conn.subscriptions.add(name);
    if (hasPresence(topic)) void ctx.presence.join(name, conn).catch(() => undefined);
    return result;
  } finally {
    conn.joining.delete(name);
    ctx.topics.endJoin(joiner);
  }
}

const PUB_PREFIX = /^\{"type":"pub","offset":(\d+),/;
function isPubAtOrBefore(frame: string, offset: number): boolean {
  const m = PUB_PREFIX.exec(frame);
  return m !== null && Number(m[1]) <= offset;
}

async function unsubscribe(ctx: CommandContext, conn: Connection, topic: Topic): Promise<object> {
  if (!conn.subscriptions.delete(topic.name)) throw new CommandError('not_subscribed');
  conn.unsubscribe(topic.name);
  if (hasPresence(topic)) await ctx.presence.leave(topic.name, conn);
  return {};
}

async function publish(
  ctx: CommandContext,
  conn: Connection,
  user: AuthUser,
  topic: Topic,
  data: Record<string, unknown>,
  nonce: string,
  sequenced: () => void,
): Promise<PublishResult> {
  return ctx.pipeline.publish({
    user,
    topic,
    data,
    json: publishDataJson(data),
    nonce,
    onSequenced: sequenced,
    isClosed: () => conn.closed,
  });
}

async function history(
  ctx: CommandContext,
  user: AuthUser,
  topic: Topic,
  before: number | undefined,
  limit: number,
): Promise<RawJson> {
  await mayView(ctx, user, topic);
  const position = await ctx.publisher.position(topic.name);
  const upTo = Math.min(before === undefined ? position.offset : before - 1, position.offset);
  const from = Math.max(0, upTo - limit);
  // Newest pages come from recent history when it holds them; older ones from the store.
  let frames = (await ctx.broker.recent(topic.name, from, upTo)) ?? null;
  if (!frames) {
    const stored = await ctx.store.before(topic.name, upTo + 1, limit);
    frames = stored.map((p) =>
      pubFrame(p.offset, p.epoch, pubTail(p.channel, p.data, { id: p.userId, name: p.userName }, p.ts)),
    );
  }
  const result: Omit<HistoryResult, 'publications'> = { position };
  return new RawJson(`{"position":${JSON.stringify(result.position)},"publications":[${frames.join(',')}]}`);
}

async function presenceList(ctx: CommandContext, user: AuthUser, topic: Topic): Promise<PresenceResult> {
  await mayView(ctx, user, topic);
  if (!hasPresence(topic)) throw new CommandError('bad_request', 'this topic has no presence');
  return { users: await ctx.presenceStore.list(topic.name) };
}

async function presenceStats(
  ctx: CommandContext,
  user: AuthUser,
  topic: Topic,
): Promise<PresenceStatsResult> {
  await mayView(ctx, user, topic);
  if (!hasPresence(topic)) throw new CommandError('bad_request', 'this topic has no presence');
  return ctx.presenceStore.stats(topic.name);
}

async function typing(ctx: CommandContext, conn: Connection, user: AuthUser, topic: Topic): Promise<object> {
  if (!conn.subscriptions.has(topic.name)) throw new CommandError('not_subscribed');
  const now = Date.now();
  const last = conn.lastTypingAt.get(topic.name) ?? 0;
  if (now - last < ctx.limits.typingThrottleMs) return {}; // throttled: accepted, not repeated
  conn.lastTypingAt.set(topic.name, now);
  await ctx.broker.emit(
    topic.name,
    JSON.stringify({ type: 'typing', channel: topic.name, user: { id: user.id, name: user.name } }),
  );
  return {};
}
