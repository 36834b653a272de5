// Real LiveKit participants for tests, with @livekit/rtc-node (its native FFI library ships in
// the npm package for Linux x64): connect with a token the hub minted, publish a microphone
// track fed with real PCM frames (a 440 Hz tone), watch what the room tells them.
import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  Room,
  RoomEvent,
  TrackPublishOptions,
  TrackSource,
  type LocalTrackPublication,
} from '@livekit/rtc-node';

const SAMPLE_RATE = 48_000;
const FRAME_SAMPLES = 480; // 10 ms

export class RtcParticipant {
  readonly room = new Room();
  private feeding: NodeJS.Timeout | undefined;
  disconnected = false;
  readonly data: { topic: string | undefined; payload: unknown }[] = [];

  static async join(ticket: { url: string; token: string }): Promise<RtcParticipant> {
    const p = new RtcParticipant();
    p.room.on(RoomEvent.Disconnected, () => (p.disconnected = true));
    p.room.on(RoomEvent.DataReceived, (payload, _participant, _kind, topic) => {
      p.data.push({ topic, payload: JSON.parse(new TextDecoder().decode(payload)) as unknown });
    });
    await p.room.connect(ticket.url, ticket.token, { autoSubscribe: true, dynacast: false });
    return p;
  }

  get identity(): string {
    return this.room.localParticipant?.identity ?? '';
  }

  /** Publishes a microphone track and keeps feeding it a tone, 10 ms at a time. */
  async publishMicrophone(): Promise<LocalTrackPublication> {
    const source = new AudioSource(SAMPLE_RATE, 1);
    const track = LocalAudioTrack.createAudioTrack('microphone', source);
    const local = this.room.localParticipant;
    if (!local) throw new Error('rtc: not connected');
    const publication = await local.publishTrack(
      track,
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
    let t = 0;
    this.feeding = setInterval(() => {
      const pcm = new Int16Array(FRAME_SAMPLES);
      for (let i = 0; i < FRAME_SAMPLES; i++, t++) {
        pcm[i] = Math.round(8_000 * Math.sin((2 * Math.PI * 440 * t) / SAMPLE_RATE));
      }
      void source.captureFrame(new AudioFrame(pcm, SAMPLE_RATE, 1, FRAME_SAMPLES)).catch(() => undefined);
    }, 10);
    return publication;
  }

  async leave(): Promise<void> {
    clearInterval(this.feeding);
    if (!this.disconnected) await this.room.disconnect().catch(() => undefined);
  }
}
