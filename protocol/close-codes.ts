// The WebSocket close codes Hubbub sends, shared by the server and every client. The range says
// what a client must do (the Centrifugo convention):
//   3000-3499  reconnect, with backoff, possibly to another node
//   3500-3999  stop: reconnecting with the same credentials would fail again
// Codes are never reused for another meaning; add new ones at the end of their range.

export const RECONNECT_RANGE = { from: 3000, to: 3499 } as const;
export const STOP_RANGE = { from: 3500, to: 3999 } as const;

export const CloseCodes = {
  /** The node is shutting down or draining; reconnect at once, any node will do. */
  SHUTDOWN: { code: 3001, reason: 'shutdown' },
  /** An unexpected server fault; reconnect with backoff. */
  SERVER_ERROR: { code: 3002, reason: 'server error' },
  /** The client read too slowly and its outgoing buffer hit the bound; reconnect and recover. */
  SLOW_CONSUMER: { code: 3003, reason: 'slow consumer' },
  /** The token expired and was not refreshed in time; get a fresh token, then reconnect. */
  TOKEN_EXPIRED: { code: 3004, reason: 'token expired' },
  /** The server asks for a reconnect (for example after a permission change). */
  FORCE_RECONNECT: { code: 3005, reason: 'force reconnect' },
  /** The client sent frames faster than its rate limit for too long; reconnect after backoff. */
  FLOOD: { code: 3006, reason: 'flood' },

  /** The token is forged, malformed, for another audience or issuer: do not retry with it. */
  INVALID_TOKEN: { code: 3500, reason: 'invalid token' },
  /** The client broke the protocol (malformed frames, wrong version): a client bug. */
  BAD_REQUEST: { code: 3501, reason: 'bad request' },
  /** The user may not connect at all (banned, disabled), or a live session's room seat lost its
   * access (removed from the session, kicked, banned). */
  FORBIDDEN: { code: 3502, reason: 'forbidden' },
  /** A frame larger than the maximum payload size. */
  MESSAGE_TOO_BIG: { code: 3503, reason: 'message too big' },
  /** The user has too many open connections on this node (`gateway.maxConnectionsPerUser`). */
  CONNECTION_LIMIT: { code: 3504, reason: 'connection limit' },
  /** The server closed the connection for good (for example the account was erased). */
  FORCE_DISCONNECT: { code: 3505, reason: 'force disconnect' },
} as const;

export type CloseCodeName = keyof typeof CloseCodes;
export type CloseCode = (typeof CloseCodes)[CloseCodeName]['code'];

/**
 * Whether a client should reconnect after a close with this code. Standard codes: 1000 (normal)
 * and 1008 (policy) stop; 1001, 1006, 1011, 1012 and 1013 are transient and reconnect.
 */
export function shouldReconnect(code: number): boolean {
  if (code >= RECONNECT_RANGE.from && code <= RECONNECT_RANGE.to) return true;
  if (code >= STOP_RANGE.from && code <= STOP_RANGE.to) return false;
  return code === 1001 || code === 1005 || code === 1006 || code === 1011 || code === 1012 || code === 1013;
}
