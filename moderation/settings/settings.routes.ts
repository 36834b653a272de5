// A community's moderation settings over REST: its AutoMod rules and its scoring thresholds.
// Moderators read them and try messages against them; administrators change them. A change is
// validated whole (an unknown field, an unsafe regular expression or a duplicate rule name is a
// `validation_failed` naming the field), audited, and reaches every hub node at once through
// the community directory's invalidation.
import { z } from 'zod';
import {
  communityChanged,
  objectId,
  repo,
  requirePermission,
  type CommunityApiDeps,
} from '../../community/api/support.js';
import { Permission } from '../../community/permissions/permissions.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { appendAudit, canonicalJson, type JsonValue } from '../../storage/repositories/audit.js';
import {
  getModerationSettings,
  updateModerationSettings,
  type ModerationSettings,
} from '../../storage/repositories/moderation-settings.js';
import { AutoMod } from '../automod/engine.js';
import {
  autoModConfigSchema,
  levelsSchema,
  parseAutoModConfig,
  type AutoModConfig,
} from '../automod/rules.js';
import { requireModeratorOf } from '../review/access.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { settingsExamples } from './settings.examples.js';

const inCommunity = z.strictObject({ communityId: objectId });

const threshold = z.number().min(0).max(1).nullable();
export const thresholdsSchema = z
  .strictObject({ flagAt: threshold, hideAt: threshold })
  .refine((t) => t.flagAt === null || t.hideAt === null || t.hideAt >= t.flagAt, {
    message: 'hideAt may not be below flagAt',
    path: ['hideAt'],
  });

/** The levels alone, for a settings panel: what is not given stays as stored. */
const levelsChangeSchema = z.strictObject({
  levels: levelsSchema.partial(),
  levelActions: autoModConfigSchema.shape.levelActions.removeDefault().optional(),
});

// Responses echo the stored, validated configuration (defaults filled in).
const settingsSchema = z.object({
  automod: z.object({
    rules: z.array(z.record(z.string(), z.unknown())),
    levels: z.record(z.string(), z.number()),
    levelActions: z.array(z.record(z.string(), z.unknown())),
  }),
  scoring: z.object({ flagAt: z.number().nullable(), hideAt: z.number().nullable() }),
});

const reasonSchema = z.object({ rule: z.string(), kind: z.string(), detail: z.string() });
const decisionSchema = z.object({
  verdict: z.enum(['allow', 'hide', 'block']),
  reasons: z.array(reasonSchema),
  actions: z.array(z.record(z.string(), z.unknown())),
  timeoutS: z.number().optional(),
  alert: z.boolean(),
  blockReason: z.string().optional(),
});

function view(settings: ModerationSettings) {
  return { automod: parseAutoModConfig(JSON.parse(settings.automod)), scoring: settings.scoring };
}

async function stored(deps: CommunityApiDeps, communityId: string): Promise<ModerationSettings> {
  const settings = await repo(getModerationSettings(deps.connection, communityId));
  if (!settings) throw new HttpError('not_found', 'no such community');
  return settings;
}

async function requireAdministrator(deps: CommunityApiDeps, user: AuthUser, communityId: string) {
  const standing = await requireModeratorOf(deps, user, communityId);
  requirePermission(standing.base, Permission.ADMINISTRATOR, 'change moderation settings');
}

export function settingsRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  const saveAutoMod = async (user: AuthUser, communityId: string, config: AutoModConfig) => {
    const text = canonicalJson(config as unknown as JsonValue);
    const settings = await repo(updateModerationSettings(deps.connection, communityId, { automod: text }));
    await audit(user, communityId, 'automod.configure', {
      rules: config.rules.map((r) => `${r.kind}:${r.name}`),
      levels: config.levels,
    });
    await communityChanged(deps, communityId);
    return view(settings);
  };

  const audit = (user: AuthUser, communityId: string, action: string, details: JsonValue) =>
    appendAudit(deps.connection, {
      communityId,
      actorId: user.id,
      action,
      target: { type: 'community', id: communityId },
      details,
    });

  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/moderation/settings',
      operationId: 'getModerationSettings',
      summary: 'The community’s AutoMod rules and scoring thresholds (moderators)',
      tags: ['moderation'],
      params: inCommunity,
      response: settingsSchema,
      examples: settingsExamples.getModerationSettings,
      handler: async ({ user, params }) => {
        await requireModeratorOf(deps, user, params.communityId);
        return view(await stored(deps, params.communityId));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/communities/:communityId/moderation/automod',
      operationId: 'putAutoModConfig',
      summary: 'Replace the community’s AutoMod rules (administrators)',
      tags: ['moderation'],
      params: inCommunity,
      body: autoModConfigSchema,
      response: settingsSchema,
      examples: settingsExamples.putAutoModConfig,
      handler: async ({ user, params, body }) => {
        await requireAdministrator(deps, user, params.communityId);
        return saveAutoMod(user, params.communityId, body);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/communities/:communityId/moderation/levels',
      operationId: 'putAutoModLevels',
      summary:
        'Set AutoMod’s level (0 off – 4 strictest) per category, and what a caught message gets; the rules stay (administrators)',
      tags: ['moderation'],
      params: inCommunity,
      body: levelsChangeSchema,
      response: settingsSchema,
      examples: settingsExamples.putAutoModLevels,
      handler: async ({ user, params, body }) => {
        await requireAdministrator(deps, user, params.communityId);
        const current = parseAutoModConfig(JSON.parse((await stored(deps, params.communityId)).automod));
        const config = parseAutoModConfig({
          ...current,
          levels: { ...current.levels, ...body.levels },
          levelActions: body.levelActions ?? current.levelActions,
        });
        return saveAutoMod(user, params.communityId, config);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/communities/:communityId/moderation/scoring',
      operationId: 'putScoringThresholds',
      summary: 'Set the risk scores from which scoring flags, and hides, a message (administrators)',
      tags: ['moderation'],
      params: inCommunity,
      body: thresholdsSchema,
      response: settingsSchema,
      examples: settingsExamples.putScoringThresholds,
      handler: async ({ user, params, body }) => {
        await requireAdministrator(deps, user, params.communityId);
        const settings = await repo(
          updateModerationSettings(deps.connection, params.communityId, { scoring: body }),
        );
        await audit(user, params.communityId, 'scoring.configure', body);
        await communityChanged(deps, params.communityId);
        return view(settings);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/moderation/automod/check',
      operationId: 'checkAutoMod',
      summary:
        'What AutoMod would decide about a message, without sending it: against the stored rules, or against `config` to try rules before saving them (moderators)',
      tags: ['moderation'],
      params: inCommunity,
      body: z.strictObject({
        body: z.string().min(1).max(4000),
        channelId: objectId.optional(),
        roleIds: z.array(objectId).max(100).default([]),
        config: autoModConfigSchema.optional(),
      }),
      response: decisionSchema,
      examples: settingsExamples.checkAutoMod,
      handler: async ({ user, params, body }) => {
        await requireModeratorOf(deps, user, params.communityId);
        const config = body.config ?? JSON.parse((await stored(deps, params.communityId)).automod);
        // A fresh engine: a preview must not count towards anyone's flood or duplicate window.
        const engine = new AutoMod(config as AutoModConfig);
        return engine.check(
          { body: body.body, authorId: user.id, channelId: body.channelId ?? '' },
          { roleIds: body.roleIds },
        );
      },
    }),
  ];
}
