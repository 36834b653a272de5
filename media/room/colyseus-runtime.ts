// Colyseus on the hub's own uWebSockets.js app. Colyseus' matchmaker is one per process, while a
// process may run several hub nodes (tests do): the first node to start sets it up with Redis
// presence and driver, the last to stop shuts it down, and rooms use the services of a node that
// is still running.
//
// The hub adopts the transport's app rather than handing its own to Colyseus: the uWS transport
// makes its app in its constructor and registers only a catch-all `ws('/*')` there, which the
// hub's static routes (`/ws`, `/api/…`) outrank. Colyseus' HTTP matchmaking routes are never
// bound: seats are reserved by the hub's own authenticated route (room.routes.ts).
import { matchMaker, type AuthContext } from '@colyseus/core';
import { uWebSocketsTransport } from '@colyseus/uwebsockets-transport';
import type { TemplatedApp } from 'uWebSockets.js';
import type { RedisTarget } from '../../storage/redis.js';
import { createColyseusRedis, type ColyseusRedis } from './colyseus-redis.js';
import { LIVE_SESSION_ROOM, LiveSessionRoom } from './live-session-room.js';
import type { LiveRoomServices, RoomSeat } from './room-services.js';

/** Room client frames are small JSON messages; 16 KiB leaves room for a long question. */
const MAX_ROOM_FRAME_BYTES = 16 * 1024;

export interface ColyseusTransport {
  /** The uWS app the hub mounts its routes and gateway on. */
  app: TemplatedApp;
}

/** A transport for one hub node: its app carries Colyseus' room sockets on any unclaimed path. */
export function createColyseusTransport(): ColyseusTransport {
  const transport = new uWebSocketsTransport({ maxPayloadLength: MAX_ROOM_FRAME_BYTES });
  return { app: transport.app as unknown as TemplatedApp };
}

export interface MatchMakerOptions {
  /** The configuration's `redis` section: where Redis is, and the deployment's key prefix. */
  redis: RedisTarget & { keyPrefix: string };
  /** host:port (and path) clients reach this node at: seats in its rooms point there. */
  publicAddress: string;
  services: LiveRoomServices;
}

const running: LiveRoomServices[] = [];
let starting: Promise<void> | undefined;
let connections: ColyseusRedis | undefined;

/** Joins this node to the process's matchmaker (starting it if it is the first). */
export async function startMatchMaker(options: MatchMakerOptions): Promise<() => Promise<void>> {
  running.push(options.services);
  LiveSessionRoom.services = options.services;
  starting ??= (async () => {
    connections = createColyseusRedis(options.redis, options.redis.keyPrefix);
    // Rooms are made by the node that reserves their first seat, never handed to another process
    // registered in the same Redis: that one may serve another deployment (or test run) with
    // another database, where the session does not exist.
    await matchMaker.setup(connections.presence, connections.driver, options.publicAddress, () =>
      Promise.resolve(matchMaker.processId),
    );
    if (!(LIVE_SESSION_ROOM in matchMaker.getAllHandlers())) {
      matchMaker.defineRoomType(LIVE_SESSION_ROOM, LiveSessionRoom).filterBy(['sessionId']);
    }
    await matchMaker.accept();
  })();
  await starting;
  return async () => {
    running.splice(running.indexOf(options.services), 1);
    LiveSessionRoom.services = running.at(-1);
    if (running.length > 0) return;
    starting = undefined;
    await matchMaker.gracefullyShutdown().catch(() => undefined);
    // Their Redis connections would keep the process alive.
    connections?.presence.shutdown();
    await connections?.driver.shutdown();
    connections = undefined;
  };
}

/** A seat in the session's room for someone the hub has already let in; the room is made on
 * first use, on whichever node the matchmaker picks. */
export async function reserveSeat(sessionId: string, seat: RoomSeat) {
  // The seat rides in the auth context: the room's static onAuth hands it back as the seat's data.
  const context = { token: '', headers: new Headers(), ip: '', seat } as unknown as AuthContext;
  return matchMaker.joinOrCreate(LIVE_SESSION_ROOM, { sessionId }, context);
}
