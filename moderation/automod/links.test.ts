// Link detection (schemes, bare domains, IPs, disguised dots) and domain allow lists.
import { describe, expect, it } from 'vitest';
import { findLinks, hostAllowed, normalizeDomain } from './links.js';

describe('findLinks', () => {
  it.each([
    ['https://example.com/path?q=1', ['example.com']],
    ['see http://sub.Example.COM.', ['sub.example.com']],
    ['ftp://files.internal', ['files.internal']],
    ['www.example.org', ['www.example.org']],
    ['example.com/x', ['example.com']],
    ['go to evil.xyz now', ['evil.xyz']],
    ['hxxps://evil[.]ru/login', ['evil.ru']],
    ['evil(.)com and bad[dot]net', ['evil.com', 'bad.net']],
    ['evil dot com', ['evil.com']],
    ['evil [.] com', ['evil.com']],
    ['ｅｖｉｌ．ｃｏｍ', ['evil.com']],
    ['ev\u200bil.com', ['evil.com']],
    ['http://192.168.0.1/admin', ['192.168.0.1']],
    ['10.0.0.1:8080', ['10.0.0.1']],
    ['two: a.com b.io a.com', ['a.com', 'b.io']],
  ])('finds %j', (text, hosts) => {
    expect(findLinks(text)).toEqual(hosts);
  });

  it.each([
    'hello. how are you?',
    'node.js and setup.py',
    'e.g. this, i.e. that',
    'version 1.2.3.4',
    'mail me at jane@example.com',
    'this.is fine, i.am here',
    'the dot com bubble',
    'pi is 3.14159',
  ])('finds no link in %j', (text) => {
    expect(findLinks(text)).toEqual([]);
  });

  // Its speed on such input is measured by `npm run bench:moderation` (hostileMaxUs).
  it('handles long and hostile input', () => {
    const hostile = [
      'a.'.repeat(2000),
      'a'.repeat(4000) + '.com',
      '[.]'.repeat(1300),
      'x dot '.repeat(600) + 'com',
    ];
    for (const text of hostile) expect(() => findLinks(text)).not.toThrow();
  });
});

describe('domain allow lists', () => {
  it('normalizes listed domains', () => {
    expect(normalizeDomain(' https://www.Example.com/path ')).toBe('example.com');
    expect(normalizeDomain('*.example.com')).toBe('example.com');
  });

  it('allows a domain and its subdomains, nothing else', () => {
    const domains = ['example.com'];
    expect(hostAllowed('example.com', domains)).toBe(true);
    expect(hostAllowed('www.example.com', domains)).toBe(true);
    expect(hostAllowed('a.b.example.com', domains)).toBe(true);
    expect(hostAllowed('badexample.com', domains)).toBe(false);
    expect(hostAllowed('example.com.evil.io', domains)).toBe(false);
  });
});
