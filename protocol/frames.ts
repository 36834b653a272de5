// The frames of protocol version 1: JSON text messages over one WebSocket per client.
// Commands go client -> server and carry an `id` (a positive integer, unique per connection
// while pending) that the server's `reply` repeats. Pushes go server -> client unasked.
// The prose version, with examples, is docs/protocol.md.
import type { ErrorCode } from './error-codes.js';

export const PROTOCOL_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Topics: what a client subscribes to. One grammar, parsed by parseTopic().
//   chan:<community>:<channel>   a community channel (threads are channels too)
//   user:<userId>                a user's own topic: DMs, mentions, read-state sync
//   timeline:<community>         a community's activity feed; its presence is the community's
//   mods:<community>             the moderators' topic of a community
//   support:agents               the support agents' live feed (conversations, messages, SLAs)
// ---------------------------------------------------------------------------------------------

export const TOPIC_KINDS = ['chan', 'user', 'timeline', 'mods', 'support'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export type Topic =
  | { kind: 'chan'; community: string; channel: string; name: string }
  | { kind: 'user'; userId: string; name: string }
  | { kind: 'timeline' | 'mods'; community: string; name: string }
  | { kind: 'support'; team: string; name: string };

const ID = '[A-Za-z0-9_-]{1,64}';
const TOPIC = new RegExp(`^(?:chan:(${ID}):(${ID})|user:(${ID})|(timeline|mods):(${ID})|support:(agents))$`);

/** Parses a topic name; undefined when it does not follow the grammar. */
export function parseTopic(name: string): Topic | undefined {
  const m = TOPIC.exec(name);
  if (!m) return undefined;
  if (m[1] !== undefined && m[2] !== undefined) return { kind: 'chan', community: m[1], channel: m[2], name };
  if (m[3] !== undefined) return { kind: 'user', userId: m[3], name };
  if (m[6] !== undefined) return { kind: 'support', team: m[6], name };
  return { kind: m[4] as 'timeline' | 'mods', community: m[5] as string, name };
}

// ---------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------

/** Where a client is in a channel's history. The epoch changes when history was lost. */
export interface StreamPosition {
  offset: number;
  epoch: string;
}

export interface ClientInfo {
  /** The marketplace user id (the token's `sub`). */
  id: string;
  name: string;
}

/** One message in a channel's history, as delivered. */
export interface Publication<Data = unknown> {
  channel: string;
  /** Gapless per channel, starting at 1. */
  offset: number;
  epoch: string;
  data: Data;
  /** Who published it. */
  info: ClientInfo;
  /** Milliseconds since the epoch, set by the hub. */
  ts: number;
}

export type PresenceStatus = 'online' | 'idle' | 'dnd';
/** Why a subscription could not recover what was missed. */
export type RecoveryFailure = 'epoch_changed' | 'too_old' | 'too_many';

export interface PresenceEntry extends ClientInfo {
  status: PresenceStatus;
  /** Open connections of this user in the topic. */
  connections: number;
}

// ---------------------------------------------------------------------------------------------
// Commands: client -> server
// ---------------------------------------------------------------------------------------------

interface CommandBase {
  id: number;
}

export interface ConnectCommand extends CommandBase {
  type: 'connect';
  /** The marketplace JWT. */
  token: string;
}
export interface RefreshCommand extends CommandBase {
  type: 'refresh';
  token: string;
}
export interface SubscribeCommand extends CommandBase {
  type: 'subscribe';
  channel: string;
  /** Recover what was missed since this position. */
  since?: StreamPosition;
}
export interface UnsubscribeCommand extends CommandBase {
  type: 'unsubscribe';
  channel: string;
}
export interface PublishCommand extends CommandBase {
  type: 'publish';
  channel: string;
  /** A JSON object; its meaning belongs to the feature (chat message, timeline event, ...). */
  data: Record<string, unknown>;
  /** Client-chosen idempotency key: a retried publish with the same nonce is stored once. */
  nonce: string;
}
export interface HistoryCommand extends CommandBase {
  type: 'history';
  channel: string;
  /** Return publications with offsets below this one (default: the newest). */
  before?: number;
  limit?: number;
}
export interface PresenceCommand extends CommandBase {
  type: 'presence';
  channel: string;
}
export interface PresenceStatsCommand extends CommandBase {
  type: 'presence_stats';
  channel: string;
}
export interface TypingCommand extends CommandBase {
  type: 'typing';
  channel: string;
}
export interface SetStatusCommand extends CommandBase {
  type: 'set_status';
  status: PresenceStatus;
}
export interface PingCommand extends CommandBase {
  type: 'ping';
}

export type Command =
  | ConnectCommand
  | RefreshCommand
  | SubscribeCommand
  | UnsubscribeCommand
  | PublishCommand
  | HistoryCommand
  | PresenceCommand
  | PresenceStatsCommand
  | TypingCommand
  | SetStatusCommand
  | PingCommand;

export type CommandType = Command['type'];

// ---------------------------------------------------------------------------------------------
// Results of commands (the `result` of a successful reply)
// ---------------------------------------------------------------------------------------------

export interface ConnectResult {
  connectionId: string;
  node: string;
  user: ClientInfo;
  /** When the token expires (ms since the epoch); refresh before then. */
  expiresAt: number;
}
export interface SubscribeResult {
  channel: string;
  /** The channel's current position. */
  position: StreamPosition;
  /** Present when `since` was given. */
  recovered?: boolean;
  /** Why recovery failed: the client must reload the channel. */
  reason?: RecoveryFailure;
  /** What was missed, oldest first (empty without `since`, or when not recovered). */
  publications: Publication[];
}
export interface PublishResult {
  offset: number;
  epoch: string;
  /** True when this nonce was published before: nothing new was stored or delivered. */
  duplicate: boolean;
}
export interface HistoryResult {
  publications: Publication[];
  position: StreamPosition;
}
export interface PresenceResult {
  users: PresenceEntry[];
}
export interface PresenceStatsResult {
  users: number;
  connections: number;
}

export interface ResultOf {
  connect: ConnectResult;
  refresh: { expiresAt: number };
  subscribe: SubscribeResult;
  unsubscribe: Record<string, never>;
  publish: PublishResult;
  history: HistoryResult;
  presence: PresenceResult;
  presence_stats: PresenceStatsResult;
  typing: Record<string, never>;
  set_status: Record<string, never>;
  ping: Record<string, never>;
}

// ---------------------------------------------------------------------------------------------
// Frames: server -> client
// ---------------------------------------------------------------------------------------------

export interface FrameError {
  code: ErrorCode;
  message: string;
  /** For rate limits and slowmode: when trying again may succeed. */
  retryAfterMs?: number;
}

export interface HelloFrame {
  type: 'hello';
  v: typeof PROTOCOL_VERSION;
  node: string;
  connectionId: string;
}
export type ReplyFrame =
  { type: 'reply'; id: number; result: unknown } | { type: 'reply'; id: number; error: FrameError };
/** A live publication. Within one channel, offsets arrive in increasing order. */
export interface PubFrame extends Publication {
  type: 'pub';
}
export interface JoinFrame {
  type: 'join';
  channel: string;
  user: PresenceEntry;
}
export interface LeaveFrame {
  type: 'leave';
  channel: string;
  user: ClientInfo;
}
/**
 * Presence of a large topic: past `HUB_PRESENCE_LIVE_MAX_USERS` users, join, leave and status
 * frames stop (they would cost every subscriber a frame per member that comes or goes), and
 * the topic gets its counts instead, at most once per interval per node while they change.
 * `live` says whether join and leave frames flow again; a client that missed them while they did
 * not re-reads the list (`presence`).
 */
export interface PresenceCountFrame {
  type: 'presence_count';
  channel: string;
  users: number;
  connections: number;
  live: boolean;
}
export interface StatusFrame {
  type: 'status';
  channel: string;
  user: ClientInfo & { status: PresenceStatus };
}
export interface TypingFrame {
  type: 'typing';
  channel: string;
  user: ClientInfo;
  /**
   * The user stopped typing. Only relays that are told so send it (an agent's Chatwoot
   * `conversation_typing_off` on the member's `user:<id>`); otherwise typing simply expires.
   */
  stopped?: true;
  /** What the typing is about, when the topic carries several things (on a member's `user:<id>`:
   * the support conversation's id), so a client shows it in the right place only. */
  about?: string;
}
/** The server ended a subscription (for example: the permission to view was withdrawn). */
export interface UnsubFrame {
  type: 'unsub';
  channel: string;
  code: ErrorCode;
}
/** An error not tied to a command (a frame that could not be parsed far enough for an id). */
export interface ErrorFrame {
  type: 'error';
  error: FrameError;
}

export type ServerFrame =
  | HelloFrame
  | ReplyFrame
  | PubFrame
  | JoinFrame
  | LeaveFrame
  | StatusFrame
  | PresenceCountFrame
  | TypingFrame
  | UnsubFrame
  | ErrorFrame;
