// What each role in a live session may do in its LiveKit room. The hub decides; LiveKit
// enforces. Hosts run the room; speakers talk; the audience listens and sends reactions (data).
import { TrackSource, type VideoGrant } from 'livekit-server-sdk';

import { SESSION_ROLES, type SessionRole } from '../../protocol/index.js';

export { SESSION_ROLES, type SessionRole };

type RoleGrant = Omit<VideoGrant, 'room' | 'roomJoin'>;

const SPEAKER_SOURCES = [TrackSource.MICROPHONE, TrackSource.CAMERA];
const HOST_SOURCES = [...SPEAKER_SOURCES, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO];

/** The token grant of a role. */
export function grantFor(role: SessionRole): RoleGrant {
  switch (role) {
    case 'host':
      return {
        roomAdmin: true,
        canPublish: true,
        canPublishSources: HOST_SOURCES,
        canSubscribe: true,
        canPublishData: true,
      };
    case 'speaker':
      return {
        canPublish: true,
        canPublishSources: SPEAKER_SOURCES,
        canSubscribe: true,
        canPublishData: true,
      };
    case 'audience':
      return { canPublish: false, canPublishSources: [], canSubscribe: true, canPublishData: true };
  }
}

/** The same, as the ParticipantPermission that RoomService.updateParticipant sets live. */
export function permissionFor(role: SessionRole): {
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
  canPublishSources: TrackSource[];
} {
  const grant = grantFor(role);
  return {
    canPublish: grant.canPublish ?? false,
    canSubscribe: grant.canSubscribe ?? true,
    canPublishData: grant.canPublishData ?? false,
    canPublishSources: grant.canPublishSources ?? [],
  };
}
