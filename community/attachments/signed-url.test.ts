import { describe, expect, it } from 'vitest';
import { DownloadSigner } from './signed-url.js';

describe('signed download links', () => {
  const signer = new DownloadSigner('a-server-secret-of-some-length', 300);
  const parse = (url: string) => {
    const q = new URL(url, 'http://x').searchParams;
    return {
      claims: {
        id: 'a'.repeat(24),
        variant: 'file' as const,
        userId: q.get('u') ?? '',
        exp: Number(q.get('exp')),
      },
      sig: q.get('sig') ?? '',
    };
  };

  it('holds for its reader until it expires', () => {
    const now = Date.now();
    const { claims, sig } = parse(signer.url('a'.repeat(24), 'file', 'bob', now));
    expect(signer.verify(claims, sig, now)).toBe(true);
    expect(signer.verify(claims, sig, now + 301_000)).toBe(false);
    expect(signer.verify({ ...claims, userId: 'ann' }, sig, now)).toBe(false);
    expect(signer.verify({ ...claims, variant: 'thumb' }, sig, now)).toBe(false);
    expect(signer.verify({ ...claims, exp: claims.exp + 3600 }, sig, now)).toBe(false);
    const other = new DownloadSigner('another-server-secret-entirely', 300);
    expect(other.verify(claims, sig, now)).toBe(false);
  });
});
