import type { Room } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import type { LiveApi } from './live-api.js';
import { openStateSource } from './live-state-controller.js';
import type { LiveStateSource } from './state-source.js';

/** Enough of a LiveKit room for LiveKitStateSource to listen to. */
const room = { on: () => room, off: () => room } as unknown as Room;
const api = {} as LiveApi;

describe('openStateSource', () => {
  it('uses the Colyseus room when a seat can be had', async () => {
    const colyseus = { kind: 'colyseus' } as LiveStateSource;
    const source = await openStateSource(api, 'http://hub', room, { id: 'ann', host: false }, () =>
      Promise.resolve(colyseus),
    );
    expect(source).toBe(colyseus);
  });

  it('falls back to LiveKit’s data messages, silently, when it cannot', async () => {
    const refused = Object.assign(new Error('the session is not live'), { status: 409, code: 'conflict' });
    const source = await openStateSource(api, 'http://hub', room, { id: 'ann', host: false }, () =>
      Promise.reject(refused),
    );
    expect(source.kind).toBe('livekit');
    source.close();
  });
});
