// `attachTrack(track)`: a Lit directive on a <video> or <audio> element that attaches a LiveKit
// track to it, and detaches the previous one when the track changes or the element leaves.
import { nothing, type ElementPart } from 'lit';
import { AsyncDirective, directive, type PartInfo, PartType } from 'lit/async-directive.js';
import type { Track } from 'livekit-client';

class AttachTrack extends AsyncDirective {
  private element: HTMLMediaElement | undefined;
  private track: Track | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('hub-live-session: attachTrack goes on an element');
  }

  render(_track: Track | undefined) {
    return nothing;
  }

  override update(part: ElementPart, [track]: [Track | undefined]) {
    const element = part.element as HTMLMediaElement;
    if (track !== this.track || element !== this.element) {
      this.detach();
      this.element = element;
      this.track = track;
      track?.attach(element);
    }
    return nothing;
  }

  protected override disconnected(): void {
    this.detach();
  }

  protected override reconnected(): void {
    if (this.track && this.element) this.track.attach(this.element);
  }

  private detach(): void {
    if (this.track && this.element) this.track.detach(this.element);
  }
}

export const attachTrack = directive(AttachTrack);
