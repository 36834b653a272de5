// The publish pipeline: the path of one publication from a client, readable top to bottom here.
//
//   parse      the data's size, then its shape (features: a chat message gets its id, its body
//              and mentions are fixed: the message is whole before it is sequenced)
//   authorize  the Authorizer's decision (member, permission, not timed out), computed once and
//              carried as `standing`; features add their own checks (mentions, reply target)
//   policy     rate limit per user and slowmode per channel (Redis, across nodes)
//   automod    the community's synchronous rules: block (refuse), hold (store hidden, deliver a
//              placeholder), alert, timeout
//   sequence   offset, epoch, nonce dedupe, recent history, fan-out: one Redis step
//   persist    the durable write (group commit); sequence and persist are the Publisher's
//   ack        the reply to the sender, with what features add (the message id, held or not)
//   after      effects that must not delay the ack: mentions, notifications, cases, alerts
//
// Before `parse`, on the publish's arrival, the gateway may refuse it as `overloaded`: a node
// whose publishes queue bounds that queue (realtime/limits/load-shedder.ts).
//
// A refusal at any stage before `sequence` is a HubError with a registry code, and nothing is
// stored or delivered; features undo what their stages did for it in `refused` (the files a
// chat message claimed in `authorize` go back to pending when `policy` or `automod` refuses it).
// Features plug into stages as PublishExtensions; within a stage they run by descending
// priority (then in the order given), as Hocuspocus orders its hooks.
import type { Logger } from 'pino';
import { HubError, type Topic } from '../../protocol/index.js';
import type { AuthUser } from '../auth/token-verifier.js';
import type { Authorizer } from '../gateway/authorizer.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { PublishOutcome, Publisher } from '../publisher.js';

export const PUBLISH_STAGES = [
  'parse',
  'authorize',
  'policy',
  'automod',
  'sequence',
  'persist',
  'ack',
  'after',
] as const;
export type PublishStage = (typeof PUBLISH_STAGES)[number];
/** The stages features plug into; sequence and persist belong to the Publisher. */
export type ExtensionStage = Exclude<PublishStage, 'sequence' | 'persist'>;

export interface PublishContext {
  readonly user: AuthUser;
  readonly topic: Topic;
  readonly nonce: string;
  /** What subscribers receive. Parse and automod stages may replace it. */
  data: Record<string, unknown>;
  /** What is stored when it differs from `data` (a held message's content). */
  record?: Record<string, unknown>;
  /** The Authorizer's view of the publisher (the community domain's channel standing). */
  standing?: unknown;
  /** Slowmode for this publisher on this topic, from the Authorizer; 0 for none. */
  slowmodeMs: number;
  /** Set once sequenced. */
  outcome?: PublishOutcome;
  /** Fields features add to the sender's ack (ack stage). */
  readonly reply: Record<string, unknown>;
  /** Shared by one feature's stages of this publish (what automod decided, for after). */
  readonly state: Map<string, unknown>;
}

export type StageHandler = (context: PublishContext) => void | Promise<void>;

export interface PublishExtension extends Partial<Record<ExtensionStage, StageHandler>> {
  /** For logs: which feature failed in an after or refused stage. */
  name: string;
  /**
   * Runs when a stage before `sequence` refused the publish (after this feature's own stages
   * ran): undo what they did. Never changes the refusal; a failure is logged.
   */
  refused?: StageHandler;
  /** Higher runs first within a stage; 0 by default. */
  priority?: number;
}

export interface PipelineLimits {
  maxDataBytes: number;
  publishBurst: number;
  publishRatePerS: number;
}

export interface PipelineDeps {
  authorizer: Authorizer;
  limiter: RateLimiter;
  publisher: Publisher;
  extensions: readonly PublishExtension[];
  limits: PipelineLimits;
  log: Logger;
}

export interface PublishInput {
  user: AuthUser;
  topic: Topic;
  data: Record<string, unknown>;
  /** The data as the client sent it, as JSON text (measured before anything else). */
  json: string;
  nonce: string;
  /** Called once the publication has its offset: the connection's next command may start. */
  onSequenced?: () => void;
  /** Whether the sender went away: a publish not yet sequenced is then dropped. */
  isClosed?: () => boolean;
}

export type PublishReply = { offset: number; epoch: string; duplicate: boolean } & Record<string, unknown>;

export class PublishPipeline {
  private readonly stages: Record<ExtensionStage, StageHandler[]>;
  private readonly refusedHandlers: StageHandler[];

  constructor(private readonly deps: PipelineDeps) {
    const ordered = deps.extensions
      .map((extension, index) => ({ extension, index }))
      .sort((a, b) => (b.extension.priority ?? 0) - (a.extension.priority ?? 0) || a.index - b.index)
      .map((e) => e.extension);
    const handlers = (stage: ExtensionStage) =>
      ordered.flatMap((e) => {
        const handler = e[stage];
        return handler ? [handler.bind(e)] : [];
      });
    this.stages = {
      parse: handlers('parse'),
      authorize: handlers('authorize'),
      policy: handlers('policy'),
      automod: handlers('automod'),
      ack: handlers('ack'),
      after: ordered.flatMap((e) =>
        e.after ? [this.guarded(e, e.after.bind(e), 'after-publish effect failed')] : [],
      ),
    };
    this.refusedHandlers = ordered.flatMap((e) =>
      e.refused ? [this.guarded(e, e.refused.bind(e), 'undoing a refused publish failed')] : [],
    );
  }

  async publish(input: PublishInput): Promise<PublishReply> {
    const { authorizer, limiter, limits, publisher } = this.deps;
    const { user, topic } = input;
    const ctx: PublishContext = {
      user,
      topic,
      nonce: input.nonce,
      data: input.data,
      slowmodeMs: 0,
      reply: {},
      state: new Map(),
    };

    // parse
    if (Buffer.byteLength(input.json) > limits.maxDataBytes)
      throw new HubError('payload_too_large', `data is larger than ${limits.maxDataBytes} bytes`);
    await this.run('parse', ctx);

    // authorize
    const decision = await authorizer.canPublish(user, topic);
    if (!decision.allowed)
      throw new HubError(decision.code, decision.message, withRetry(decision.retryAfterMs));
    ctx.standing = decision.standing;
    ctx.slowmodeMs = decision.slowmodeMs ?? 0;
    try {
      await this.run('authorize', ctx);

      // policy
      const rate = await limiter.take(`pub:${user.id}`, {
        capacity: limits.publishBurst,
        refillPerS: limits.publishRatePerS,
      });
      if (!rate.allowed) throw new HubError('rate_limited', undefined, withRetry(rate.retryAfterMs));
      if (ctx.slowmodeMs > 0) {
        const slow = await limiter.slowmode(`${topic.name}:${user.id}`, ctx.slowmodeMs);
        if (!slow.allowed) throw new HubError('slowmode', undefined, withRetry(slow.retryAfterMs));
      }
      await this.run('policy', ctx);

      // automod
      await this.run('automod', ctx);
      if (input.isClosed?.()) throw new HubError('bad_request', 'the connection closed before the publish');
    } catch (err) {
      // refused before sequence: nothing was delivered or stored
      for (const refused of this.refusedHandlers) await refused(ctx);
      throw err;
    }

    // sequence, persist
    const json = ctx.data === input.data ? input.json : JSON.stringify(ctx.data);
    ctx.outcome = await publisher.publish(
      topic.name,
      {
        nonce: input.nonce,
        data: json,
        info: { id: user.id, name: user.name },
        ...(ctx.record && { record: JSON.stringify(ctx.record) }),
        stored: ctx.record ?? ctx.data, // what the texts were encoded from: not parsed again
      },
      input.onSequenced,
    );

    // ack
    await this.run('ack', ctx);
    const { offset, epoch, duplicate } = ctx.outcome;
    const reply: PublishReply = { ...ctx.reply, offset, epoch, duplicate };

    // after: a retry published nothing new, so it has no effects
    if (!duplicate) void Promise.all(this.stages.after.map((after) => after(ctx)));
    return reply;
  }

  private async run(stage: Exclude<ExtensionStage, 'after'>, ctx: PublishContext): Promise<void> {
    for (const handler of this.stages[stage]) await handler(ctx);
  }

  /** After- and refused-stage handlers never change the publish's outcome: a failure is logged. */
  private guarded(extension: PublishExtension, handler: StageHandler, failed: string): StageHandler {
    return async (ctx) => {
      try {
        await handler(ctx);
      } catch (err) {
        this.deps.log.error(
          { err, extension: extension.name, topic: ctx.topic.name, offset: ctx.outcome?.offset },
          failed,
        );
      }
    };
  }
}

const withRetry = (retryAfterMs: number | undefined) => (retryAfterMs === undefined ? {} : { retryAfterMs });
