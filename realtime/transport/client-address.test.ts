// Forwarded headers are believed only from trusted proxies, and only back to the first
// untrusted hop.
import { describe, expect, it } from 'vitest';
import { normalizeAddress, TrustedProxies } from './client-address.js';

describe('TrustedProxies', () => {
  const proxies = new TrustedProxies(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);

  it('ignores forwarding headers from a peer that is not a trusted proxy', () => {
    expect(proxies.clientAddress('203.0.113.9', { 'x-forwarded-for': '1.2.3.4' })).toBe('203.0.113.9');
    expect(proxies.clientAddress('203.0.113.9', { forwarded: 'for=1.2.3.4' })).toBe('203.0.113.9');
    expect(new TrustedProxies([]).clientAddress('10.1.1.1', { 'x-forwarded-for': '1.2.3.4' })).toBe(
      '10.1.1.1',
    );
  });

  it('takes the first untrusted hop from the right of X-Forwarded-For', () => {
    expect(proxies.clientAddress('10.0.0.5', { 'x-forwarded-for': '1.2.3.4' })).toBe('1.2.3.4');
    // A client's own forged entries sit left of the real hop and are not reached.
    expect(proxies.clientAddress('10.0.0.5', { 'x-forwarded-for': '6.6.6.6, 1.2.3.4, 192.0.2.7' })).toBe(
      '1.2.3.4',
    );
    expect(proxies.clientAddress('10.0.0.5', {})).toBe('10.0.0.5');
    expect(proxies.clientAddress('10.0.0.5', { 'x-forwarded-for': 'garbage, 10.2.2.2' })).toBe('10.2.2.2');
  });

  it('reads Forwarded (RFC 7239) first, with quotes, brackets and ports', () => {
    const headers = {
      forwarded: 'for=6.6.6.6, for="[2001:db8::1]:4711";proto=https, for=10.3.3.3:80',
      'x-forwarded-for': '7.7.7.7',
    };
    expect(proxies.clientAddress('::ffff:10.0.0.5', headers)).toBe('2001:db8::1');
  });

  it('understands IPv4-mapped IPv6 peers as uWS spells them', () => {
    expect(normalizeAddress('0000:0000:0000:0000:0000:ffff:0a00:0005')).toBe('10.0.0.5');
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(
      proxies.clientAddress('0000:0000:0000:0000:0000:ffff:0a00:0005', { 'x-forwarded-for': '1.2.3.4' }),
    ).toBe('1.2.3.4');
  });

  it('refuses entries that are not addresses or ranges', () => {
    expect(() => new TrustedProxies(['proxy.internal'])).toThrow(/not an IP address/);
  });
});
