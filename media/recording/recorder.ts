// The recording seam: what the hub needs to record a live session's room, whatever records it.
// Two implementations satisfy one contract (recorder.contract.ts): LiveKit Egress
// (egress-recorder.ts), what a deployment runs for real recordings, and a local one
// (local-recorder.ts) for development and tests, which records no media at all, only the
// recording's metadata.

/** `recording` until stopped; `stopping` while the backend finishes the file; then `complete`
 * (or `failed`). */
export const RECORDING_STATUSES = ['recording', 'stopping', 'complete', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

export interface RecordingState {
  /** The backend's id of the recording (LiveKit's egress id). */
  id: string;
  status: RecordingStatus;
  /** Where the finished file is; null until complete, and always null for a backend that
   * keeps no file (the local one). */
  url: string | null;
  /** Why it failed, when it did. */
  error?: string;
}

export interface Recorder {
  /** What records: `livekit-egress`, or `local` (metadata only). */
  readonly backend: 'livekit-egress' | 'local';
  /** Starts recording the LiveKit room (all of it, composed). */
  start(room: string): Promise<RecordingState>;
  /** Stops it; RecordingNotFound for an unknown id, RecordingStateError if it already stopped. */
  stop(id: string): Promise<RecordingState>;
  /** The recording now; RecordingNotFound for an unknown id. */
  status(id: string): Promise<RecordingState>;
}

export class RecordingNotFound extends Error {
  constructor(id: string) {
    super(`no such recording: ${id}`);
  }
}

export class RecordingStateError extends Error {}
