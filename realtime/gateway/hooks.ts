// Extension points on the gateway's message path, run in order after the built-in checks
// (authenticated, permission, rate limit, slowmode, size and shape). AutoMod and audit plug in
// here. A hook refuses a publish by throwing a CommandError; nothing is stored then.
import type { Topic } from '../../protocol/index.js';
import type { AuthUser } from '../auth/token-verifier.js';

export interface PublishContext {
  user: AuthUser;
  topic: Topic;
  data: Record<string, unknown>;
}

export type BeforePublishHook = (context: PublishContext) => void | Promise<void>;
