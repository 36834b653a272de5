// Extension points on the gateway's message path. AutoMod, the chat domain and audit plug in
// here; the gateway knows nothing of what the data means.
//   before: after the built-in checks (authenticated, permission, rate limit, slowmode, size and
//           shape), in order. A hook refuses a publish by throwing a CommandError (nothing is
//           stored then), or returns data to publish in place of what the client sent (a domain
//           hook normalizes a chat message and adds its ids).
//   after:  once the publication has its offset and is stored, before the sender's ack, in
//           order. Failures are logged, never undo the publication.
import type { Topic } from '../../protocol/index.js';
import type { AuthUser } from '../auth/token-verifier.js';

export interface PublishContext {
  user: AuthUser;
  topic: Topic;
  data: Record<string, unknown>;
  nonce: string;
  /**
   * Shared by the hooks of this one publish, from the first before hook to the last after hook:
   * what a before hook decided that the published data must not carry (a held message's body).
   */
  state: Record<string, unknown>;
}

/** Returns the data to publish instead, or undefined to publish it as it is. */
export type BeforePublishHook = (
  context: PublishContext,
) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;

export interface PublishedContext extends PublishContext {
  offset: number;
  epoch: string;
  /** True when the nonce had been published before (a retry). */
  duplicate: boolean;
}

export type AfterPublishHook = (context: PublishedContext) => void | Promise<void>;

export interface PublishHooks {
  before?: readonly BeforePublishHook[];
  after?: readonly AfterPublishHook[];
}

/** The hooks of several modules as one pipeline, each stage in the order given. */
export function chainHooks(...sets: readonly PublishHooks[]): PublishHooks {
  return { before: sets.flatMap((s) => s.before ?? []), after: sets.flatMap((s) => s.after ?? []) };
}
