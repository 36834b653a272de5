// The limits an upload and a message's files meet: the deployment's (HUB_ATTACHMENTS_MAX_BYTES,
// HUB_ATTACHMENTS_MAX_PER_MESSAGE), lowered by a community's own settings where it set smaller
// ones (a community never raises them); direct conversations have the deployment's.

export interface AttachmentLimits {
  maxBytes: number;
  maxPerMessage: number;
}

/** What a community set; null for a limit it left to the deployment. */
export interface CommunityAttachmentLimits {
  maxBytes: number | null;
  maxPerMessage: number | null;
}

export function effectiveLimits(
  deployment: AttachmentLimits,
  community: CommunityAttachmentLimits | null,
): AttachmentLimits {
  return {
    maxBytes: Math.min(deployment.maxBytes, community?.maxBytes ?? Infinity),
    maxPerMessage: Math.min(deployment.maxPerMessage, community?.maxPerMessage ?? Infinity),
  };
}
