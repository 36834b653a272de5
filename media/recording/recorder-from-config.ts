// The recorder a hub node uses, from its configuration: LiveKit Egress on the configured LiveKit
// server (HUB_MEDIA_RECORDER=egress), or the local recorder, which records no media.
import type { Config } from '../../config/index.js';
import type { RedisClient } from '../../storage/redis.js';
import type { MediaKeys } from '../keys.js';
import { EgressRecorder } from './egress-recorder.js';
import { LocalRecorder } from './local-recorder.js';
import type { Recorder } from './recorder.js';

export function recorderFromConfig(
  config: Pick<Config, 'livekit' | 'media'>,
  redis: RedisClient,
  keys: MediaKeys,
): Recorder {
  if (config.media.recorder === 'egress') {
    return new EgressRecorder({
      url: config.livekit.url,
      apiKey: config.livekit.apiKey,
      apiSecret: config.livekit.apiSecret,
      filepath: config.media.recordingFilepath,
    });
  }
  return new LocalRecorder(redis, keys.recording);
}
