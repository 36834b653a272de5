import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenError, TokenVerifier } from './token-verifier.js';

const SECRET = 'test-secret-of-enough-length';
const base = { issuer: 'marketplace', audience: 'hubbub', clockSkewS: 5 };
const now = () => Math.floor(Date.now() / 1000);

function hs256(claims: Record<string, unknown>, secret = SECRET) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer((claims['iss'] as string | undefined) ?? 'marketplace')
    .setAudience((claims['aud'] as string | undefined) ?? 'hubbub')
    .sign(new TextEncoder().encode(secret));
}

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenError);
  return err as TokenError;
};

describe('TokenVerifier, HS256', () => {
  const verifier = new TokenVerifier({ ...base, jwtSecret: SECRET });

  it('accepts a valid token and reads the user from it', async () => {
    const exp = now() + 600;
    const user = await verifier.verify(
      await hs256({ sub: 'u-1', name: 'Ada', roles: ['member', 'host'], exp }),
    );
    expect(user).toEqual({ id: 'u-1', name: 'Ada', roles: ['member', 'host'], expiresAt: exp * 1000 });
  });

  it('keeps an https picture claim, and leaves out any other while the token stays valid', async () => {
    const exp = now() + 60;
    const picture = 'https://cdn.example.com/u/ada.png';
    expect((await verifier.verify(await hs256({ sub: 'ada', picture, exp }))).picture).toBe(picture);
    for (const other of [
      'http://cdn.example.com/ada.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      '/relative.png',
      `https://cdn.example.com/${'a'.repeat(2_048)}`,
      42,
    ]) {
      const user = await verifier.verify(await hs256({ sub: 'ada', picture: other, exp }));
      expect(user.id).toBe('ada');
      expect(user).not.toHaveProperty('picture');
    }
  });

  it('names the user by id when the token has no name', async () => {
    expect((await verifier.verify(await hs256({ sub: 'u-2', exp: now() + 60 }))).name).toBe('u-2');
  });

  it('refuses an expired token as expired, within the clock skew it still accepts', async () => {
    expect((await refusal(verifier.verify(await hs256({ sub: 'u', exp: now() - 60 })))).problem).toBe(
      'expired',
    );
    await expect(verifier.verify(await hs256({ sub: 'u', exp: now() - 2 }))).resolves.toMatchObject({
      id: 'u',
    });
  });

  it.each([
    [
      'forged (another secret)',
      () => hs256({ sub: 'u', exp: now() + 60 }, 'another-secret-of-enough-length'),
    ],
    ['for another audience', () => hs256({ sub: 'u', exp: now() + 60, aud: 'someone-else' })],
    ['from another issuer', () => hs256({ sub: 'u', exp: now() + 60, iss: 'evil' })],
    ['without exp', () => hs256({ sub: 'u' })],
    ['with a sub that is not an id', () => hs256({ sub: 'a b/../c', exp: now() + 60 })],
    [
      'unsigned (alg none)',
      async () =>
        `${btoa('{"alg":"none"}')}.${btoa(JSON.stringify({ sub: 'u', exp: now() + 60, iss: 'marketplace', aud: 'hubbub' }))}.`,
    ],
    ['not a JWT at all', async () => 'garbage'],
  ])('refuses a token %s as invalid', async (_, make) => {
    expect((await refusal(verifier.verify(await make()))).problem).toBe('invalid');
  });
});

describe('TokenVerifier, service tokens', () => {
  it('takes a token whose scope holds hub.admin for the service its sub names', async () => {
    const verifier = new TokenVerifier({ ...base, jwtSecret: SECRET });
    const core = await verifier.verify(
      await hs256({ sub: 'marketplace-core', scope: 'provisioning hub.admin', exp: now() + 60 }),
    );
    expect(core).toMatchObject({ id: 'marketplace-core', service: true });
  });

  it('takes a token with any other scope, or roles alone, for a user', async () => {
    const verifier = new TokenVerifier({ ...base, jwtSecret: SECRET });
    for (const claims of [{ scope: 'hub.admin.read hub' }, { roles: ['admin', 'moderator'] }]) {
      const user = await verifier.verify(await hs256({ sub: 'ada', exp: now() + 60, ...claims }));
      expect(user.service).toBeUndefined();
    }
  });

  it('with its own issuer and audience, wants both on service tokens and keeps users on theirs', async () => {
    const verifier = new TokenVerifier({
      ...base,
      jwtSecret: SECRET,
      serviceIssuer: 'marketplace-core',
      serviceAudience: 'hubbub-admin',
    });
    const service = { sub: 'core', scope: 'hub.admin', exp: now() + 60 };
    expect(
      await verifier.verify(await hs256({ ...service, iss: 'marketplace-core', aud: 'hubbub-admin' })),
    ).toMatchObject({ service: true });
    // The scope on a user token's issuer and audience makes no service of it.
    expect((await verifier.verify(await hs256(service))).service).toBeUndefined();
    // The service audience without the scope is neither kind of token.
    const stray = await hs256({ sub: 'u', exp: now() + 60, iss: 'marketplace-core', aud: 'hubbub-admin' });
    expect((await refusal(verifier.verify(stray))).problem).toBe('invalid');
  });
});

describe('TokenVerifier, RS256 through JWKS with key rotation', () => {
  let server: Server;
  let keys: JWK[] = [];
  let fetches = 0;
  let url = '';
  const pairs: { kid: string; privateKey: CryptoKey }[] = [];

  const addKey = async (kid: string) => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    keys.push({ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' });
    pairs.push({ kid, privateKey });
  };
  const rs256 = (kid: string, claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer('marketplace')
      .setAudience('hubbub')
      .sign(pairs.find((p) => p.kid === kid)?.privateKey as CryptoKey);

  beforeAll(async () => {
    await addKey('k1');
    server = createServer((_, res) => {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('verifies with the published key, then with a rotated-in key it has not seen yet', async () => {
    const verifier = new TokenVerifier({
      ...base,
      jwtSecret: 'unused-unused-unused',
      jwksUrl: url,
      jwksCooldownMs: 100,
    });
    expect((await verifier.verify(await rs256('k1', { sub: 'u-1', exp: now() + 60 }))).id).toBe('u-1');
    const before = fetches;
    await addKey('k2');
    keys = keys.filter((k) => k.kid === 'k2'); // k1 retired
    await new Promise((r) => setTimeout(r, 150)); // past the refetch cooldown
    expect((await verifier.verify(await rs256('k2', { sub: 'u-2', exp: now() + 60 }))).id).toBe('u-2');
    expect(fetches).toBe(before + 1);
    // The retired key is no longer trusted once the set was refetched.
    expect((await refusal(verifier.verify(await rs256('k1', { sub: 'u-1', exp: now() + 60 })))).problem).toBe(
      'invalid',
    );
  });

  it('refuses an HS256 token when it expects RS256 (no algorithm confusion)', async () => {
    const verifier = new TokenVerifier({ ...base, jwtSecret: SECRET, jwksUrl: url });
    expect((await refusal(verifier.verify(await hs256({ sub: 'u', exp: now() + 60 })))).problem).toBe(
      'invalid',
    );
  });
});
