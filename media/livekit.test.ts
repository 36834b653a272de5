import { describe, expect, it } from 'vitest';
import { AccessToken } from 'livekit-server-sdk';
import { testConfig } from '../test/support/config.js';
import { LiveKit, toHttpUrl } from './livekit.js';

// The dev server's /rtc/validate answers 200 for a token it would accept to join a room, and
// 401 otherwise: the cheapest real proof that LiveKit trusts what the hub signs.
const validate = (url: string, token: string) =>
  fetch(`${toHttpUrl(url)}/rtc/validate?access_token=${encodeURIComponent(token)}`);

describe('LiveKit dev server', () => {
  const { livekit: options } = testConfig();
  const livekit = new LiveKit(options);

  it('answers RoomService.listRooms', async () => {
    const rooms = await livekit.rooms.listRooms();
    expect(Array.isArray(rooms)).toBe(true);
  });

  it('creates a room through the RoomService and lists it', async () => {
    const name = `test-${Date.now()}`;
    await livekit.rooms.createRoom({ name, emptyTimeout: 10, maxParticipants: 5 });
    const rooms = await livekit.rooms.listRooms([name]);
    expect(rooms.map((r) => r.name)).toEqual([name]);
    expect(rooms[0]?.maxParticipants).toBe(5);
    await livekit.rooms.deleteRoom(name);
  });

  it('accepts a join token minted by the hub', async () => {
    const token = await livekit.mintJoinToken({
      identity: 'user-1',
      displayName: 'Ada',
      room: 'session-1',
      grants: { canPublish: false, canSubscribe: true, canPublishData: true },
    });
    const res = await validate(options.url, token);
    expect(res.status).toBe(200);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = new AccessToken(options.apiKey, 'not-the-secret', { identity: 'mallory' });
    forged.addGrant({ roomJoin: true, room: 'session-1' });
    const res = await validate(options.url, await forged.toJwt());
    expect(res.status).toBe(401);
  });
});
