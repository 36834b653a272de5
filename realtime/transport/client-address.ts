// The address a request comes from, behind proxies: `Forwarded` (RFC 7239) or `X-Forwarded-For`
// is believed only when the socket's peer is a trusted proxy, and then only as far back as the
// hops are trusted proxies too: the first untrusted hop from the right is the client. Anyone
// else can write those headers, so from an untrusted peer they are ignored.
import { BlockList, isIP } from 'node:net';

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  /** @param entries IPv4/IPv6 addresses and CIDR ranges (`10.0.0.0/8`, `fd00::/8`) */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const family = isIP(address);
      if (family === 0) throw new Error(`trusted proxies: ${entry} is not an IP address or CIDR range`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
    this.size = entries.length;
  }

  trusts(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** The client's address for a request whose socket peer is `peer`, given its headers. */
  clientAddress(peer: string, headers: Readonly<Record<string, string>>): string {
    const socket = normalizeAddress(peer);
    if (this.size === 0 || !this.trusts(socket)) return socket;
    const forwarded = headers['forwarded'];
    const hops =
      forwarded !== undefined ? forwardedFor(forwarded) : (headers['x-forwarded-for'] ?? '').split(',');
    let client = socket;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalizeAddress(hops[i]?.trim() ?? '');
      if (isIP(hop) === 0) break; // "unknown", an obfuscated name or garbage: stop at the last known
      client = hop;
      if (!this.trusts(hop)) break;
    }
    return client;
  }
}

/** The `for=` values of a Forwarded header, in order, without quotes, brackets or ports. */
function forwardedFor(header: string): string[] {
  return header.split(',').map((element) => {
    const pair = element
      .split(';')
      .map((p) => p.trim())
      .find((p) => p.toLowerCase().startsWith('for='));
    let value = (pair?.slice(4) ?? '').replace(/^"|"$/g, '');
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
    if (bracketed) value = bracketed[1] as string;
    else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
    return value;
  });
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`, uWS's `0000:…:ffff:0102:0304`) as plain IPv4. */
export function normalizeAddress(address: string): string {
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1] as string;
  const hex = /^(?:0{1,4}:){5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1] as string, 16), parseInt(hex[2] as string, 16)];
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return address;
}
