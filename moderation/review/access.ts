// Who may see and act on cases: the moderators of the case's community, that is its members with
// MODERATE_MEMBERS or MANAGE_MESSAGES (those who may read its `mods:` topic). A case of another
// community is answered exactly like a missing one, so the queue never reveals what it holds.
import type { Standing } from '../../community/access.js';
import { publishEvent, requireMember, type CommunityApiDeps } from '../../community/api/support.js';
import { has, Permission } from '../../community/permissions/permissions.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import { appendAudit, type JsonValue } from '../../storage/repositories/audit.js';
import { getCase } from '../../storage/repositories/cases.js';
import type { ModerationCaseDoc } from '../../storage/repositories/types.js';
import { flaggedEvent } from './case-events.js';
import { caseView, type ModsEvent } from './views.js';
import { modsTopic } from '../../protocol/index.js';

export function isModerator(standing: Standing): boolean {
  return has(standing.base, Permission.MODERATE_MEMBERS) || has(standing.base, Permission.MANAGE_MESSAGES);
}

/** For a community's routes: non-members get 404 (as everywhere), other members 403. */
export async function requireModeratorOf(
  deps: CommunityApiDeps,
  user: AuthUser,
  communityId: string,
): Promise<Standing> {
  const standing = await requireMember(deps, user, communityId);
  if (!isModerator(standing)) throw new HttpError('forbidden', 'you may not moderate this community');
  return standing;
}

export const noSuchCase = () => new HttpError('not_found', 'no such case');

/** A case and the caller's standing in its community, if they moderate it; 404 otherwise. */
export async function caseForModerator(
  deps: CommunityApiDeps,
  user: AuthUser,
  caseId: string,
): Promise<{ case: ModerationCaseDoc; standing: Standing }> {
  const found = await getCase(deps.connection, caseId);
  if (!found) throw noSuchCase();
  const standing = await deps.access.standing(user.id, found.communityId.toHexString());
  if (!standing || !isModerator(standing)) throw noSuchCase();
  return { case: found, standing };
}

/** Tells the community's moderators, live, that a case was opened or changed. */
export async function announceCase(
  deps: CommunityApiDeps,
  kind: 'case.opened' | 'case.updated',
  change: string,
  c: ModerationCaseDoc,
  by: AuthUser,
): Promise<void> {
  const id = c._id.toHexString();
  const event: ModsEvent = { kind, case: caseView(c) };
  // The key makes a retried publication of this very change a duplicate, and no other change one.
  await publishEvent(
    deps,
    modsTopic(c.communityId.toHexString()),
    `case-${id}-${change}-${c.updatedAt.getTime()}`,
    event,
    by,
  );
  if (kind === 'case.opened')
    await deps.events.emit('message.flagged', c.communityId.toHexString(), flaggedEvent(c));
}

/**
 * Records a moderation step in the community's tamper-evident audit log. The entry names the
 * case and the message, not the author: the log is append-only, so a user id written into it
 * could never be erased (the case it points to can be).
 */
export async function auditCase(
  deps: CommunityApiDeps,
  actor: AuthUser,
  action: `case.${string}`,
  c: ModerationCaseDoc,
  details: { [key: string]: JsonValue },
): Promise<void> {
  await appendAudit(deps.connection, {
    communityId: c.communityId,
    actorId: actor.id,
    action,
    target: { type: 'case', id: c._id.toHexString() },
    details: { messageId: c.messageId.toHexString(), ...details },
  });
}
