// Response schemas of the support API (documented in docs/openapi.json).
import { z } from 'zod';
import { descriptorSchema } from '../../community/attachments/attachments.routes.js';

export const conversationSchema = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.string(),
  priority: z.string(),
  assigneeId: z.number().nullable(),
  teamId: z.number().nullable(),
  labels: z.array(z.string()),
  communityId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** SLA targets breached: first_response, next_response, resolution. */
  breaches: z.array(z.string()),
  /** Due times of the running SLA clocks, for countdowns; null when a clock does not run. */
  sla: z.object({
    firstResponseDueAt: z.string().nullable(),
    nextResponseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
  }),
});

/** A support message's file (links: listSupportMessageAttachments). */
export const supportAttachmentSchema = descriptorSchema;

export const messageSchema = z.object({
  id: z.string(),
  direction: z.enum(['member', 'agent']),
  content: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  attachments: z.array(supportAttachmentSchema),
});

export const metricsSchema = z.object({
  windowS: z.number(),
  conversations: z.number(),
  firstResponseAvgS: z.number().nullable(),
  resolutionAvgS: z.number().nullable(),
  breachRate: z.number().nullable(),
  breaches: z.object({ first_response: z.number(), next_response: z.number(), resolution: z.number() }),
});
