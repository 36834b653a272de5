// Mention counting for mention spam: distinct users (`<@id>`, Discord's `<@!id>` too), distinct
// roles (`<@&id>`) and @everyone / @here, each counted once however often repeated.

/** The mentions the hub parsed from a message (community/chat's `Mentions` has this shape). */
export interface MentionSet {
  userIds: readonly string[];
  roleIds: readonly string[];
  everyone: boolean;
}

const USER = /<@!?([A-Za-z0-9_-]{1,64})>/g;
const ROLE = /<@&([A-Za-z0-9_-]{1,64})>/g;
const EVERYONE = /(?:^|\s)@(everyone|here)\b/g;

/**
 * How many distinct mentions a message holds: from the hub's parse when given (it drops role
 * and @everyone mentions the author may not use, which notify nobody), else from the body.
 */
export function countMentions(body: string, parsed?: MentionSet): number {
  if (parsed) return new Set(parsed.userIds).size + new Set(parsed.roleIds).size + (parsed.everyone ? 1 : 0);
  if (!body.includes('@')) return 0;
  const distinct = (re: RegExp) => new Set(Array.from(body.matchAll(re), (m) => m[1])).size;
  return distinct(USER) + distinct(ROLE) + distinct(EVERYONE);
}
