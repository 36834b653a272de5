// The routes of a support conversation's files (tag `support` in docs/openapi.json), for the
// member's support view in <hub-chat> and the agents' <hub-inbox> alike: where a file is uploaded
// (one per request, multipart part `file`; pending until a message lists its id; before a new
// conversation exists, for its first message) and where a message's signed download links are read.

/** A conversation's upload route, under /api/v1. */
export const supportUploadPath = (conversationId: string): string =>
  `/support/conversations/${encodeURIComponent(conversationId)}/attachments`;

/** The upload route for the first message of a conversation not started yet, under /api/v1. */
export const supportNewUploadPath = (communityId?: string): string =>
  `/support/attachments${communityId ? `?communityId=${encodeURIComponent(communityId)}` : ''}`;

/** The route of a support message's signed links, under /api/v1. */
export const supportLinksPath = (conversationId: string, messageId: string): string =>
  `/support/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/attachments`;
