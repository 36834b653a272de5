// The session's LiveKit room for <hub-live-session> (livekit-client): connecting with the hub's
// ticket, who is in the room and what they publish, who is speaking, whether this member may
// publish (the hub changes it when a host invites them on stage), the microphone and camera,
// audio playback, and leaving. A Lit ReactiveController: every room event re-renders the host.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type Participant,
  type TrackPublication,
} from 'livekit-client';
import type { JoinTicket } from './live-api.js';
import { roleFromMetadata } from './live-logic.js';

/** One participant as the stage and the audience list show them. */
export interface Tile {
  identity: string;
  name: string;
  local: boolean;
  /** The role LiveKit's metadata names (the hub sets it with the grants). */
  role: string | undefined;
  video: Track | undefined;
  audio: Track | undefined;
  /** The microphone track's id (hosts mute it by id), and whether it is muted. */
  micSid: string | undefined;
  micMuted: boolean;
  speaking: boolean;
  /** A tile of the participant's shared screen (video only), shown beside their own. */
  screen: boolean;
}

export type RoomPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'left';

/** Why the member is no longer in the room. */
export type LeftReason = 'left' | 'removed' | 'ended' | 'lost';

export interface Devices {
  audioDeviceId: string | undefined;
  videoDeviceId: string | undefined;
}

export class RoomController implements ReactiveController {
  room: Room | undefined;
  phase: RoomPhase = 'idle';
  leftReason: LeftReason | undefined;
  /** Whether the browser blocked audio until a click (autoplay policy). */
  audioBlocked = false;
  private speaking = new Set<string>();
  /** Why this widget is leaving the room itself (the member left, or the session ended). */
  private leaving: LeftReason | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly events: {
      permissions(canPublish: boolean): void;
      left(reason: LeftReason): void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to do until the member joins.
  }

  hostDisconnected(): void {
    void this.leave();
  }

  get canPublish(): boolean {
    return Boolean(this.room?.localParticipant.permissions?.canPublish);
  }

  get micOn(): boolean {
    return Boolean(this.room?.localParticipant.isMicrophoneEnabled);
  }

  get screenOn(): boolean {
    return Boolean(this.room?.localParticipant.isScreenShareEnabled);
  }

  get cameraOn(): boolean {
    return Boolean(this.room?.localParticipant.isCameraEnabled);
  }

  /** Everyone in the room, this member first, then by name. */
  tiles(): Tile[] {
    const room = this.room;
    if (!room) return [];
    const people: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    const tiles = people
      .map((p) => this.tile(p, p === room.localParticipant))
      .sort((a, b) => Number(b.local) - Number(a.local) || a.name.localeCompare(b.name));
    // Shared screens first: they are what the audience watches.
    const screens = people.flatMap((p) => {
      const track = p.getTrackPublication(Track.Source.ScreenShare);
      if (!track?.track || track.isMuted) return [];
      return [
        { ...this.tile(p, p === room.localParticipant), video: track.track, audio: undefined, screen: true },
      ];
    });
    return [...screens, ...tiles];
  }

  private tile(p: Participant, local: boolean): Tile {
    const camera = p.getTrackPublication(Track.Source.Camera);
    const mic = p.getTrackPublication(Track.Source.Microphone);
    const usable = (pub: TrackPublication | undefined) =>
      pub?.track && !pub.isMuted ? pub.track : undefined;
    return {
      identity: p.identity,
      name: p.name || p.identity,
      local,
      role: roleFromMetadata(p.metadata),
      video: usable(camera),
      // One's own microphone is never played back.
      audio: local ? undefined : mic?.track,
      micSid: mic?.trackSid,
      micMuted: !mic || mic.isMuted,
      speaking: this.speaking.has(p.identity),
      screen: false,
    };
  }

  /** Connects with the hub's ticket; hosts and speakers publish what they asked for. */
  async connect(ticket: JoinTicket, devices: Devices, publish: { mic: boolean; camera: boolean }) {
    await this.leave();
    const room = new Room({
      adaptiveStream: true,
      dynacast: true,
      audioCaptureDefaults: devices.audioDeviceId ? { deviceId: devices.audioDeviceId } : {},
      videoCaptureDefaults: devices.videoDeviceId ? { deviceId: devices.videoDeviceId } : {},
    });
    this.room = room;
    this.phase = 'connecting';
    this.leftReason = undefined;
    this.listen(room);
    this.host.requestUpdate();
    try {
      await room.connect(ticket.url, ticket.token);
    } catch (err) {
      this.room = undefined;
      this.phase = 'idle';
      this.host.requestUpdate();
      throw err;
    }
    this.phase = 'connected';
    this.audioBlocked = !room.canPlaybackAudio;
    if (this.canPublish) {
      if (publish.mic) await room.localParticipant.setMicrophoneEnabled(true);
      if (publish.camera) await room.localParticipant.setCameraEnabled(true);
    }
    this.host.requestUpdate();
  }

  private listen(room: Room): void {
    const update = () => this.host.requestUpdate();
    room
      .on(RoomEvent.ParticipantConnected, update)
      .on(RoomEvent.ParticipantDisconnected, update)
      .on(RoomEvent.ParticipantMetadataChanged, update)
      .on(RoomEvent.TrackSubscribed, update)
      .on(RoomEvent.TrackUnsubscribed, update)
      .on(RoomEvent.TrackPublished, update)
      .on(RoomEvent.TrackUnpublished, update)
      .on(RoomEvent.TrackMuted, update)
      .on(RoomEvent.TrackUnmuted, update)
      .on(RoomEvent.LocalTrackPublished, update)
      .on(RoomEvent.LocalTrackUnpublished, update)
      .on(RoomEvent.ActiveSpeakersChanged, (speakers) => {
        this.speaking = new Set(speakers.map((s) => s.identity));
        update();
      })
      .on(RoomEvent.AudioPlaybackStatusChanged, () => {
        this.audioBlocked = !room.canPlaybackAudio;
        update();
      })
      .on(RoomEvent.Reconnecting, () => {
        this.phase = 'reconnecting';
        update();
      })
      .on(RoomEvent.Reconnected, () => {
        this.phase = 'connected';
        update();
      })
      .on(RoomEvent.ParticipantPermissionsChanged, (_previous, participant) => {
        if (participant !== room.localParticipant) return update();
        // Invited to, or sent back from, the stage: LiveKit unpublishes by itself on the way down.
        this.events.permissions(this.canPublish);
        update();
      })
      .on(RoomEvent.Disconnected, (reason) => {
        if (this.room !== room) return;
        this.room = undefined;
        this.phase = 'left';
        this.speaking.clear();
        this.leftReason =
          reason === DisconnectReason.CLIENT_INITIATED
            ? (this.leaving ?? 'left')
            : reason === DisconnectReason.PARTICIPANT_REMOVED
              ? 'removed'
              : reason === DisconnectReason.ROOM_DELETED
                ? 'ended'
                : 'lost';
        this.leaving = undefined;
        this.events.left(this.leftReason);
        update();
      });
  }

  async setMicrophone(on: boolean): Promise<void> {
    await this.room?.localParticipant.setMicrophoneEnabled(on);
    this.host.requestUpdate();
  }

  async setCamera(on: boolean): Promise<void> {
    await this.room?.localParticipant.setCameraEnabled(on);
    this.host.requestUpdate();
  }

  async setScreenShare(on: boolean): Promise<void> {
    await this.room?.localParticipant.setScreenShareEnabled(on);
    this.host.requestUpdate();
  }

  /** Plays remote audio after the browser's autoplay policy blocked it (needs a click). */
  async startAudio(): Promise<void> {
    await this.room?.startAudio();
    this.audioBlocked = !(this.room?.canPlaybackAudio ?? true);
    this.host.requestUpdate();
  }

  /** Moves the published microphone or camera to another device. */
  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    await this.room?.switchActiveDevice(kind, deviceId);
  }

  /** Leaves the room; `because` is the reason the widget is told (by default, the member left). */
  async leave(because: LeftReason = 'left'): Promise<void> {
    const room = this.room;
    if (!room) return;
    this.leaving = because;
    await room.disconnect(true);
  }
}
