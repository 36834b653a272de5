// One scripted peer and the clients of a test, all closed after it.
import { WebSocket } from 'ws';
import { afterEach, beforeEach } from 'vitest';
import type { StreamPosition, SubscribeResult } from '../../../protocol/index.js';
import { HubClient } from '../hub-client.js';
import type { HubClientOptions } from '../options.js';
import { ScriptedPeer } from './scripted-peer.js';

export interface Harness {
  peer: ScriptedPeer;
  /** A client of the peer with short timeouts and backoff, so the suite runs in seconds. */
  client(overrides?: Partial<HubClientOptions>): HubClient;
}

export function useHarness(): Harness {
  const clients: HubClient[] = [];
  const harness = {} as Harness;
  beforeEach(async () => {
    harness.peer = await ScriptedPeer.start();
    harness.client = (overrides = {}) => {
      const client = new HubClient({
        url: harness.peer.url,
        getToken: () => 'tok-1',
        WebSocket,
        requestTimeoutMs: 1_000,
        connectTimeoutMs: 1_000,
        backoff: { minMs: 10, maxMs: 40 },
        shutdownJitterMs: 10,
        ...overrides,
      });
      clients.push(client);
      return client;
    };
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await harness.peer.close();
  });
  return harness;
}

export const CHANNEL = 'chan:c1:general';

export function subscribed(position: StreamPosition, extra: Partial<SubscribeResult> = {}): SubscribeResult {
  return { channel: CHANNEL, position, publications: [], ...extra };
}
