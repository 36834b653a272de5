import { TrackSource } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { grantFor, permissionFor } from './grants.js';

describe('session role grants', () => {
  it('lets hosts run the room and publish camera, microphone and screen', () => {
    expect(grantFor('host')).toMatchObject({ roomAdmin: true, canPublish: true, canSubscribe: true });
    expect(grantFor('host').canPublishSources).toEqual(
      expect.arrayContaining([TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE]),
    );
  });

  it('lets speakers publish microphone and camera only, without room admin', () => {
    const speaker = grantFor('speaker');
    expect(speaker.roomAdmin).toBeUndefined();
    expect(speaker.canPublishSources).toEqual([TrackSource.MICROPHONE, TrackSource.CAMERA]);
  });

  it('lets the audience subscribe and send data (reactions), never publish', () => {
    expect(grantFor('audience')).toMatchObject({
      canPublish: false,
      canSubscribe: true,
      canPublishData: true,
    });
    expect(permissionFor('audience')).toEqual({
      canPublish: false,
      canSubscribe: true,
      canPublishData: true,
      canPublishSources: [],
    });
  });
});
