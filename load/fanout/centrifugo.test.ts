import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CENTRIFUGO_HMAC_SECRET, centrifugoConfig, centrifugoToken } from './centrifugo.js';

describe('Centrifugo for the bench', () => {
  it('signs a connection token Centrifugo checks: HS256 over header.body, sub and exp', () => {
    const token = centrifugoToken('sub-7', 1_800_000_000);
    const [head, body, signature] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual({
      sub: 'sub-7',
      exp: 1_800_010_800,
    });
    const expected = createHmac('sha256', CENTRIFUGO_HMAC_SECRET)
      .update(`${head}.${body}`)
      .digest('base64url');
    expect(signature).toBe(expected);
  });

  it('configures a node on loopback with the Redis engine, history and recovery on', () => {
    const config = centrifugoConfig(18001, 'redis://127.0.0.1:6399') as {
      http_server: unknown;
      engine: unknown;
      channel: { without_namespace: Record<string, unknown> };
    };
    expect(config.http_server).toEqual({ address: '127.0.0.1', port: 18001 });
    expect(config.engine).toEqual({ type: 'redis', redis: { address: ['redis://127.0.0.1:6399'] } });
    expect(config.channel.without_namespace).toMatchObject({ history_size: 1000, force_recovery: true });
  });
});
