// A live session's recordings, one document each (collection `live_session_recordings`): which
// backend made it, its id there, its status and, once complete, where the file is. The session
// document holds the running one's id (`recordingId`), so one session records once at a time.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { RECORDING_STATUSES } from './recorder.js';

const recordingSchema = new Schema(
  {
    /** The hub's id of the recording. */
    _id: { type: String, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    backend: { type: String, enum: ['livekit-egress', 'local'], required: true },
    /** The backend's id (LiveKit's egress id). */
    backendId: { type: String, required: true },
    status: { type: String, enum: RECORDING_STATUSES, required: true },
    url: { type: String, default: null },
    error: { type: String, default: null },
    startedAt: { type: Date, required: true },
    stoppedAt: { type: Date, default: null },
  },
  { strict: 'throw', versionKey: false },
);
recordingSchema.index({ sessionId: 1, startedAt: 1 });

export type RecordingDoc = InferSchemaType<typeof recordingSchema> & { _id: string };

const define = (connection: Connection) =>
  connection.model('LiveSessionRecording', recordingSchema, 'live_session_recordings');

export function recordingModel(connection: Connection): ReturnType<typeof define> {
  return (
    (connection.models['LiveSessionRecording'] as ReturnType<typeof define> | undefined) ?? define(connection)
  );
}
