// The pre-join screen's devices: the microphones and cameras the browser offers
// (livekit-client's Room.getLocalDevices over navigator.mediaDevices.enumerateDevices), the
// member's choice, and a camera preview. Labels need the media permission, asked for on demand.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createLocalVideoTrack, Room, type LocalVideoTrack } from 'livekit-client';
import type { Devices } from './room-controller.js';

export class DeviceController implements ReactiveController {
  microphones: MediaDeviceInfo[] = [];
  cameras: MediaDeviceInfo[] = [];
  audioDeviceId: string | undefined;
  videoDeviceId: string | undefined;
  preview: LocalVideoTrack | undefined;
  /** Whether the browser named the devices (it does once the member allowed access). */
  labelled = false;
  error = '';
  private readonly onChange = () => void this.list(false);

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    navigator.mediaDevices?.addEventListener('devicechange', this.onChange);
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.onChange);
    this.stopPreview();
  }

  get chosen(): Devices {
    return { audioDeviceId: this.audioDeviceId, videoDeviceId: this.videoDeviceId };
  }

  /** Lists the devices; `ask` requests the permission first, so the labels are filled in. */
  async list(ask: boolean): Promise<void> {
    try {
      const [microphones, cameras] = await Promise.all([
        Room.getLocalDevices('audioinput', ask),
        Room.getLocalDevices('videoinput', ask),
      ]);
      this.microphones = microphones.filter((d) => d.deviceId);
      this.cameras = cameras.filter((d) => d.deviceId);
      this.labelled = [...this.microphones, ...this.cameras].some((d) => d.label);
      if (!this.microphones.some((d) => d.deviceId === this.audioDeviceId))
        this.audioDeviceId = this.microphones[0]?.deviceId;
      if (!this.cameras.some((d) => d.deviceId === this.videoDeviceId))
        this.videoDeviceId = this.cameras[0]?.deviceId;
      this.error = '';
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
    this.host.requestUpdate();
  }

  choose(kind: 'audioinput' | 'videoinput', deviceId: string): void {
    if (kind === 'audioinput') this.audioDeviceId = deviceId;
    else {
      this.videoDeviceId = deviceId;
      if (this.preview) void this.startPreview();
    }
    this.host.requestUpdate();
  }

  async startPreview(): Promise<void> {
    this.stopPreview();
    try {
      this.preview = await createLocalVideoTrack(this.videoDeviceId ? { deviceId: this.videoDeviceId } : {});
      if (!this.labelled) await this.list(false);
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
    this.host.requestUpdate();
  }

  stopPreview(): void {
    this.preview?.stop();
    this.preview = undefined;
    this.host.requestUpdate();
  }
}
