// Short-lived download links: an HMAC over (attachment, variant, reader, expiry, and `agent` for
// a link made for a support agent) with a key the server derives from its audit secret, so every
// hub node checks every other node's links and a link only works for the reader it was made for,
// as what it was made for, until it expires.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Variant = 'file' | 'thumb';

export interface LinkClaims {
  id: string;
  variant: Variant;
  userId: string;
  /** Unix seconds. */
  exp: number;
  /** Made for a support agent (their token's role when the link was made). */
  as?: 'agent';
}

export class DownloadSigner {
  private readonly key: Buffer;
  constructor(
    serverSecret: string,
    private readonly ttlS: number,
  ) {
    if (serverSecret.length < 16) throw new Error('attachments: the server secret is too short');
    this.key = createHmac('sha256', serverSecret).update('hubbub attachment downloads v1').digest();
  }

  /** The path and query of a fresh link for the reader. */
  url(id: string, variant: Variant, userId: string, nowMs = Date.now(), as?: 'agent'): string {
    const exp = Math.floor(nowMs / 1000) + this.ttlS;
    const sig = this.sign({ id, variant, userId, exp, ...(as && { as }) });
    const query = new URLSearchParams({ v: variant, u: userId, exp: String(exp), ...(as && { as }), sig });
    return `/api/v1/attachments/${id}?${query.toString()}`;
  }

  /** Whether the signature is ours and the link still valid. */
  verify(claims: LinkClaims, sig: string, nowMs = Date.now()): boolean {
    if (claims.exp * 1000 < nowMs) return false;
    const expected = Buffer.from(this.sign(claims), 'hex');
    const given = Buffer.from(sig, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(c: LinkClaims): string {
    return createHmac('sha256', this.key)
      .update(`${c.id}\n${c.variant}\n${c.userId}\n${c.exp}${c.as ? `\n${c.as}` : ''}`)
      .digest('hex');
  }
}
