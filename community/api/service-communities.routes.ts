// The service API's communities (service tokens only, scope hub.admin): provision one from a
// template, read it, change it, archive it (read-only for members) and delete it with everything
// of it. The marketplace core drives Hubbub through these; docs/integration.md walks through it.
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { listChannels } from '../../storage/repositories/channels.js';
import { getCommunity, updateCommunity } from '../../storage/repositories/communities.js';
import { notFound, oid } from '../../storage/repositories/errors.js';
import { listRoles } from '../../storage/repositories/roles.js';
import type { CommunityDoc } from '../../storage/repositories/types.js';
import { eraseCommunity, provisionCommunity, setArchived, TEMPLATES } from '../provisioning.js';
import { communityChanged, objectId, repo, userIdSchema, type CommunityApiDeps } from './support.js';
import { chanTopic } from '../../protocol/index.js';
import { serviceCommunitiesExamples } from './service-communities.examples.js';

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 of a-z, 0-9 and -, not starting with -');
const marketplaceRole = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a marketplace role name');

const settingsSchema = z.object({
  /** Days after which messages are deleted or anonymized; null keeps them. */
  retentionDays: z.number().int().min(1).max(36_500).nullable(),
  retentionMode: z.enum(['delete', 'anonymize']),
  /** The largest file its members may upload, at most the deployment's; null: the deployment's. */
  attachmentMaxBytes: z.number().int().min(1).nullable(),
  /** Files one message may carry, at most the deployment's; null: the deployment's. */
  attachmentMaxPerMessage: z.number().int().min(1).max(50).nullable(),
  /** Uploads one member may have pending (not yet sent) here, at most the deployment's; null: the deployment's. */
  attachmentMaxPending: z.number().int().min(1).max(1_000).nullable(),
});

const serviceCommunitySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  iconUrl: z.string().nullable(),
  ownerId: z.string().nullable(),
  archived: z.boolean(),
  settings: settingsSchema,
  /** Marketplace role -> the community role ids it grants on joining. */
  roleMapping: z.record(z.string(), z.array(z.string())),
  roles: z.array(
    z.object({ id: z.string(), key: z.string().nullable(), name: z.string(), position: z.number() }),
  ),
  channels: z.array(z.object({ id: z.string(), topic: z.string(), kind: z.string(), name: z.string() })),
});
type ServiceCommunity = z.input<typeof serviceCommunitySchema>;

const params = z.strictObject({ communityId: objectId });
const callers = 'services' as const;
const tags = ['service'];

export function serviceCommunityRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  const view = async (doc: CommunityDoc): Promise<ServiceCommunity> => {
    const id = doc._id.toHexString();
    const [roles, channels] = await Promise.all([
      listRoles(deps.connection, id),
      listChannels(deps.connection, id, { includeArchived: true }),
    ]);
    return {
      id,
      slug: doc.slug,
      name: doc.name,
      description: doc.description ?? '',
      iconUrl: doc.iconUrl ?? null,
      ownerId: doc.ownerId ?? null,
      archived: Boolean(doc.archivedAt),
      settings: {
        retentionDays: doc.retentionDays ?? null,
        retentionMode: doc.retentionMode ?? 'delete',
        attachmentMaxBytes: doc.attachmentMaxBytes ?? null,
        attachmentMaxPerMessage: doc.attachmentMaxPerMessage ?? null,
        attachmentMaxPending: doc.attachmentMaxPending ?? null,
      },
      roleMapping: Object.fromEntries(
        doc.roleMapping.map((m) => [m.marketplaceRole, m.roleIds.map((r) => r.toHexString())]),
      ),
      roles: roles.map((r) => ({
        id: r._id.toHexString(),
        key: r.key ?? null,
        name: r.name,
        position: r.position,
      })),
      channels: channels.map((c) => ({
        id: c._id.toHexString(),
        topic: chanTopic(id, c._id.toHexString()),
        kind: c.kind,
        name: c.name ?? '',
      })),
    };
  };
  const load = async (communityId: string) => {
    const doc = await getCommunity(deps.connection, communityId);
    if (!doc) throw notFound('community');
    return doc;
  };

  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/communities',
      operationId: 'createCommunity',
      summary: 'Create a community from a template, its owner a member with the admin role (service)',
      tags,
      callers,
      body: z.strictObject({
        slug,
        name: z.string().trim().min(1).max(100),
        description: z.string().max(1_000).optional(),
        ownerId: userIdSchema,
        ownerName: z.string().trim().min(1).max(100).optional(),
        template: z.enum(TEMPLATES).default('default'),
      }),
      status: 201,
      response: serviceCommunitySchema,
      examples: serviceCommunitiesExamples.createCommunity,
      handler: async ({ body }) => {
        const { community } = await repo(provisionCommunity(deps.provisioning, body));
        return view(community);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId',
      operationId: 'getCommunity',
      summary: 'A community with its settings, role mapping, roles and channels (service)',
      tags,
      callers,
      params,
      response: serviceCommunitySchema,
      examples: serviceCommunitiesExamples.getCommunity,
      handler: async ({ params }) => view(await repo(load(params.communityId))),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/communities/:communityId',
      operationId: 'updateCommunity',
      summary: 'Change a community’s name, description, icon, settings or role mapping (service)',
      tags,
      callers,
      params,
      body: z.strictObject({
        name: z.string().trim().min(1).max(100).optional(),
        description: z.string().max(1_000).optional(),
        iconUrl: z
          .url({ protocol: /^https$/, error: 'must be an https URL' })
          .max(2_048)
          .nullable()
          .optional(),
        settings: settingsSchema.partial().strict().optional(),
        /** Replaces the whole mapping: marketplace role -> community role ids (not @everyone). */
        roleMapping: z.record(marketplaceRole, z.array(objectId).max(20)).optional(),
      }),
      response: serviceCommunitySchema,
      examples: serviceCommunitiesExamples.updateCommunity,
      handler: async ({ params, body }) => {
        const { settings, roleMapping, ...rest } = body;
        if (settings) checkAttachmentLimits(deps, settings);
        if (roleMapping) await checkMappedRoles(deps, params.communityId, Object.values(roleMapping).flat());
        const updated = await repo(
          updateCommunity(deps.connection, params.communityId, {
            ...rest,
            ...settings,
            ...(roleMapping && {
              roleMapping: Object.entries(roleMapping).map(([role, ids]) => ({
                marketplaceRole: role,
                roleIds: [...new Set(ids)].map((id) => oid(id)),
              })),
            }),
          }),
        );
        await communityChanged(deps, params.communityId);
        return view(updated);
      },
    }),
    ...(['archive', 'unarchive'] as const).map((action) =>
      defineRoute({
        method: 'post',
        path: `/api/v1/communities/:communityId/${action}`,
        operationId: `${action}Community`,
        summary:
          action === 'archive'
            ? 'Archive a community: members may read its history but send, react and edit nothing (service)'
            : 'Lift a community’s archive (service)',
        tags,
        callers,
        params,
        response: serviceCommunitySchema,
        examples: serviceCommunitiesExamples[`${action}Community`],
        handler: async ({ params }) => {
          const updated = await repo(
            setArchived(deps.provisioning, params.communityId, action === 'archive'),
          );
          await communityChanged(deps, params.communityId);
          return view(updated);
        },
      }),
    ),
    defineRoute({
      method: 'del',
      path: '/api/v1/communities/:communityId',
      operationId: 'deleteCommunity',
      summary:
        'Delete a community and everything of it (messages, cases, sessions, support links, Redis keys); ' +
        'the system audit log keeps who deleted it and when (service)',
      tags,
      callers,
      params,
      response: z.object({
        deleted: z.literal(true),
        messages: z.number(),
        channels: z.number(),
        members: z.number(),
        cases: z.number(),
        redisKeys: z.number(),
      }),
      examples: serviceCommunitiesExamples.deleteCommunity,
      handler: async ({ user, params }) => {
        const erased = await repo(eraseCommunity(deps.provisioning, params.communityId, user.id));
        await communityChanged(deps, params.communityId);
        return { deleted: true as const, ...erased };
      },
    }),
  ];
}

/** A community may lower the deployment's attachment limits, never raise them. */
function checkAttachmentLimits(
  deps: CommunityApiDeps,
  settings: {
    attachmentMaxBytes?: number | null;
    attachmentMaxPerMessage?: number | null;
    attachmentMaxPending?: number | null;
  },
): void {
  const deployment = deps.attachments?.settings;
  if (!deployment) return;
  const over = (value: number | null | undefined, max: number) => value != null && value > max;
  if (over(settings.attachmentMaxBytes, deployment.maxBytes))
    throw new HttpError(
      'validation_failed',
      `settings.attachmentMaxBytes: at most ${deployment.maxBytes} (the deployment's limit)`,
    );
  if (over(settings.attachmentMaxPerMessage, deployment.maxPerMessage))
    throw new HttpError(
      'validation_failed',
      `settings.attachmentMaxPerMessage: at most ${deployment.maxPerMessage} (the deployment's limit)`,
    );
  if (over(settings.attachmentMaxPending, deployment.maxPending))
    throw new HttpError(
      'validation_failed',
      `settings.attachmentMaxPending: at most ${deployment.maxPending} (the deployment's limit)`,
    );
}

/** Mapped roles must be the community's own, and not @everyone (everyone holds it anyway). */
async function checkMappedRoles(
  deps: CommunityApiDeps,
  communityId: string,
  roleIds: string[],
): Promise<void> {
  const roles = await listRoles(deps.connection, communityId);
  const assignable = new Set(roles.filter((r) => r.key !== 'everyone').map((r) => r._id.toHexString()));
  const unknown = roleIds.filter((id) => !assignable.has(id));
  if (unknown.length > 0) {
    throw new HttpError('validation_failed', `not a role of this community: ${unknown.join(', ')}`);
  }
}
