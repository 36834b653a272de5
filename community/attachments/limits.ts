// The limits an upload and a message's files meet: the deployment's (HUB_ATTACHMENTS_MAX_BYTES,
// HUB_ATTACHMENTS_MAX_PER_MESSAGE, HUB_ATTACHMENTS_MAX_PENDING), lowered by a community's own settings where it set smaller
// ones (a community never raises them); direct conversations have the deployment's.

export interface AttachmentLimits {
  maxBytes: number;
  maxPerMessage: number;
  /** Uploads one member may have pending (not yet claimed by a message). */
  maxPending: number;
}

/** What a community set; null for a limit it left to the deployment. */
export interface CommunityAttachmentLimits {
  maxBytes: number | null;
  maxPerMessage: number | null;
  maxPending: number | null;
}

export function effectiveLimits(
  deployment: AttachmentLimits,
  community: CommunityAttachmentLimits | null,
): AttachmentLimits {
  return {
    maxBytes: Math.min(deployment.maxBytes, community?.maxBytes ?? Infinity),
    maxPerMessage: Math.min(deployment.maxPerMessage, community?.maxPerMessage ?? Infinity),
    maxPending: Math.min(deployment.maxPending, community?.maxPending ?? Infinity),
  };
}
