import { describe, expect, it } from 'vitest';
import { CorsPolicy } from './cors.js';

describe('CorsPolicy', () => {
  it('adds nothing when no origin is configured', () => {
    const policy = new CorsPolicy([]);
    expect(policy.enabled).toBe(false);
    expect(policy.responseHeaders('https://shop.example.com')).toEqual({});
    expect(policy.preflightHeaders('https://shop.example.com')).toEqual({ vary: 'origin' });
  });

  it('allows only the listed origins, exactly', () => {
    const policy = new CorsPolicy(['https://shop.example.com', 'http://localhost:3000']);
    expect(policy.responseHeaders('https://shop.example.com')).toMatchObject({
      'access-control-allow-origin': 'https://shop.example.com',
      vary: 'origin',
    });
    expect(policy.preflightHeaders('http://localhost:3000')).toMatchObject({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-headers': 'authorization, content-type, x-request-id',
    });
    for (const other of [
      'https://evil.example.com',
      'https://shop.example.com.evil.test',
      'null',
      undefined,
    ]) {
      expect(policy.responseHeaders(other)).toEqual({ vary: 'origin' });
      expect(policy.preflightHeaders(other)).toEqual({ vary: 'origin' });
    }
  });

  it('lets any well-formed origin in with *, never a malformed one', () => {
    const policy = new CorsPolicy(['*']);
    expect(policy.allows('https://anything.test')).toBe(true);
    expect(policy.allows('https://a.test/path')).toBe(false);
    expect(policy.allows('javascript:alert(1)')).toBe(false);
  });
});
