// Examples of the live session room route for docs/openapi.json: a Colyseus seat reservation.
// hub/openapi-examples.test.ts checks them against the route's schemas, so one left behind by a
// schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

export const roomExamples = {
  reserveLiveSessionRoomSeat: {
    response: {
      role: 'audience',
      reservation: {
        name: 'live_session',
        sessionId: 'Xk3_p9QaZ',
        roomId: 'b7Tq2LmRw',
        processId: 'hS4k1vNc',
        publicAddress: 'hub.example.com/colyseus',
      },
    },
  },
} satisfies Record<string, RouteExamples>;
