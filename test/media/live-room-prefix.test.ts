// Two deployments sharing one Redis (or one Redis Cluster), told apart only by their key prefix
// (HUB_REDIS_KEY_PREFIX), each of two hub processes, on one database: a live session's Colyseus
// room of one deployment is invisible to the other (each makes its own), while inside a
// deployment a seat reserved through one process is taken in the room the other process holds,
// and the room's state follows the changes made through either process. Colyseus' keys and its
// pub/sub channels (room calls, process channels, the session's updates) are all under the prefix.
import { randomUUID } from 'node:crypto';
import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { spawnHub, type HubProcess } from '../support/hub-processes.js';
import { redisTargets } from '../support/redis-targets.js';
import { eventually } from '../support/wait.js';

interface RoomState {
  participants: Map<string, { userId: string }>;
  hands: { userId: string }[];
}
const stateOf = (room: Room) => room.state as unknown as RoomState;
const userIds = (room: Room) => [...stateOf(room).participants.values()].map((p) => p.userId).sort();
const hands = (room: Room) => [...stateOf(room).hands].map((h) => h.userId);

describe.each(redisTargets())(
  'live session rooms of two deployments on one $name',
  { timeout: 240_000 },
  (target) => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let c: TestCommunity;
    /** Deployment A's two processes, then deployment B's. */
    let hubs: { a: [HubProcess, HubProcess]; b: [HubProcess, HubProcess] };
    let sessionId = '';
    const rooms: Room[] = [];
    const path = (rest = '') => `/api/v1/live-sessions/${sessionId}${rest}`;

    /** Reserves a seat through `hub` and takes it where the reservation points. */
    async function enter(hub: HubProcess, user: string) {
      const res = await (await apiAs(hub.url, user))('POST', path('/room'));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const reservation = res.body['reservation'] as { processId?: string };
      const room = await new Client(hub.url).consumeSeatReservation(reservation as never);
      rooms.push(room);
      return { room, processId: reservation.processId };
    }

    beforeAll(async () => {
      db = await testDatabase();
      const run = randomUUID().slice(0, 6);
      const env = (prefix: string) => ({
        ...target.env,
        HUB_MONGODB_URL: db.url,
        HUB_REDIS_KEY_PREFIX: prefix,
      });
      const [a1, a2, b1, b2] = await Promise.all([
        spawnHub(env(`dpa${run}`)),
        spawnHub(env(`dpa${run}`)),
        spawnHub(env(`dpb${run}`)),
        spawnHub(env(`dpb${run}`)),
      ]);
      hubs = { a: [a1, a2], b: [b1, b2] };
      c = await createTestCommunity(a1.url, {
        members: [{ userId: 'host', roles: ['member', 'host'], name: 'Host' }],
      });
      const host = await apiAs(a1.url, 'host');
      const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
        title: 'Shared Redis',
        startsAt: new Date(Date.now() + 60_000).toISOString(),
        durationMin: 30,
        capacity: 20,
      });
      sessionId = created.body['id'] as string;
      expect((await host('POST', path('/start'))).status).toBe(200);
    }, 240_000);

    afterAll(async () => {
      for (const room of rooms) await room.leave().catch(() => undefined);
      await Promise.all(Object.values(hubs ?? {}).flatMap((pair) => pair.map((h) => h.kill())));
      await db?.drop();
    });

    it('keeps each deployment in its own room, seats crossing processes inside one', async () => {
      const [a1, a2] = hubs.a;
      const [b1, b2] = hubs.b;
      // A's room is made by the process reserving its first seat; a seat reserved through the
      // other A process is reserved by a room call to it and taken there.
      const hostSeat = await enter(a1, 'host');
      const annSeat = await enter(a2, 'ann');
      expect(annSeat.room.roomId).toBe(hostSeat.room.roomId);
      expect(annSeat.processId).toBe(hostSeat.processId);
      // B finds no room of A's: it makes its own, shared by its two processes.
      const bobSeat = await enter(b1, 'bob');
      const annInB = await enter(b2, 'ann');
      expect(bobSeat.room.roomId).not.toBe(hostSeat.room.roomId);
      expect(annInB.room.roomId).toBe(bobSeat.room.roomId);
      expect(annInB.processId).toBe(bobSeat.processId);

      await eventually(() => userIds(hostSeat.room).join() === 'ann,host', 20_000);
      await eventually(() => userIds(bobSeat.room).join() === 'ann,bob', 20_000);
      expect(userIds(annSeat.room)).toEqual(['ann', 'host']);

      // A hand raised over REST through A's other process reaches A's room only; B's room
      // follows B's own change.
      expect((await (await apiAs(a2.url, 'ann'))('POST', path('/hand'))).status).toBe(200);
      await eventually(() => hands(hostSeat.room).join() === 'ann', 20_000);
      expect((await (await apiAs(b1.url, 'bob'))('POST', path('/hand'))).status).toBe(200);
      await eventually(() => hands(annInB.room).join() === 'bob', 20_000);
      expect(hands(bobSeat.room)).toEqual(['bob']);
      expect(hands(annSeat.room)).toEqual(['ann']);
    });
  },
);
