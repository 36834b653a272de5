// Recordings by LiveKit Egress (HUB_MEDIA_RECORDER=egress): a room-composite egress per
// recording, written as an MP4 file where the Egress service's storage puts it
// (HUB_MEDIA_RECORDING_FILEPATH, LiveKit's filename templates such as {room_name} and {time}).
// The deployment runs Egress next to LiveKit with its storage (S3, GCS, Azure or a volume)
// configured; the hub only starts, stops and reads egresses through EgressClient. A stopped
// egress is `stopping` until Egress has uploaded the file, then `complete` with its location.
import {
  EgressClient,
  EgressStatus,
  EncodedFileOutput,
  EncodedFileType,
  type EgressInfo,
} from 'livekit-server-sdk';
import { RecordingNotFound, RecordingStateError, type Recorder, type RecordingState } from './recorder.js';

export interface EgressRecorderOptions {
  /** LiveKit's URL (http(s) or ws(s)), key and secret: the same server the rooms are on. */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Egress's file path template, e.g. `recordings/{room_name}-{time}.mp4`. */
  filepath: string;
}

export class EgressRecorder implements Recorder {
  readonly backend = 'livekit-egress';
  private readonly client: EgressClient;

  constructor(private readonly options: EgressRecorderOptions) {
    this.client = new EgressClient(
      options.url.replace(/^ws(s?):/, 'http$1:'),
      options.apiKey,
      options.apiSecret,
    );
  }

  async start(room: string): Promise<RecordingState> {
    const file = new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: this.options.filepath });
    return stateOf(await this.client.startRoomCompositeEgress(room, { file }));
  }

  async stop(id: string): Promise<RecordingState> {
    const current = await this.status(id);
    if (current.status !== 'recording') throw new RecordingStateError('the recording has stopped already');
    try {
      return stateOf(await this.client.stopEgress(id));
    } catch (err) {
      // Ended meanwhile (the room closed, a limit was reached): LiveKit refuses the stop.
      if ((err as { code?: string }).code === 'failed_precondition')
        throw new RecordingStateError('the recording has stopped already');
      throw err;
    }
  }

  async status(id: string): Promise<RecordingState> {
    const [info] = await this.client.listEgress({ egressId: id });
    if (!info) throw new RecordingNotFound(id);
    return stateOf(info);
  }
}

function stateOf(info: EgressInfo): RecordingState {
  const location = info.fileResults[0]?.location || null;
  switch (info.status) {
    case EgressStatus.EGRESS_STARTING:
    case EgressStatus.EGRESS_ACTIVE:
      return { id: info.egressId, status: 'recording', url: null };
    case EgressStatus.EGRESS_ENDING:
      return { id: info.egressId, status: 'stopping', url: null };
    case EgressStatus.EGRESS_COMPLETE:
    case EgressStatus.EGRESS_LIMIT_REACHED:
      return { id: info.egressId, status: 'complete', url: location };
    default:
      return { id: info.egressId, status: 'failed', url: null, error: info.error || 'the egress failed' };
  }
}
