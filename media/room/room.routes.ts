// The one way into a live session's Colyseus room: the hub checks the caller like any other
// session action, then reserves them a seat (the room is created on first use). The client
// consumes the reservation with the Colyseus SDK (`client.consumeSeatReservation`).
import { z } from 'zod';
import { objectId } from '../../community/api/support.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { viewableSession } from '../sessions/access.js';
import { SESSION_ROLES } from '../stage/grants.js';
import { isBlocked, roleOf } from '../stage/stage.js';
import type { RoomSeat } from './room-services.js';
import { roomExamples } from './room.examples.js';

export type SeatReserver = (
  sessionId: string,
  seat: RoomSeat,
) => Promise<{
  name: string;
  sessionId: string;
  roomId: string;
  processId?: string;
  publicAddress?: string;
}>;

const sessionParams = z.strictObject({ sessionId: objectId });

export function roomRoutes(ctx: MediaContext, reserve: SeatReserver): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/room',
      operationId: 'reserveLiveSessionRoomSeat',
      summary:
        "A seat in the live session's Colyseus room (its replicated state: participants, hands, stage, Q&A, polls, reactions); valid for a few seconds",
      tags: ['live-sessions'],
      params: sessionParams,
      response: z.object({
        role: z.enum(SESSION_ROLES),
        reservation: z.object({
          name: z.string(),
          sessionId: z.string(),
          roomId: z.string(),
          processId: z.string().optional(),
          publicAddress: z.string().optional(),
        }),
      }),
      examples: roomExamples.reserveLiveSessionRoomSeat,
      handler: async ({ user, params }) => {
        const session = await viewableSession(ctx, user, params.sessionId);
        if (session.status !== 'live') throw new HttpError('conflict', 'the session is not live');
        if (await isBlocked(ctx, session, user.id)) {
          throw new HttpError('forbidden', 'a host removed you from this session');
        }
        const role = await roleOf(ctx, session, user);
        const { id, name, roles, expiresAt } = user;
        const reservation = await reserve(params.sessionId, { user: { id, name, roles, expiresAt }, role });
        return { role, reservation };
      },
    }),
  ];
}
