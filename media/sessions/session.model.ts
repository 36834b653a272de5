// A live session: a scheduled voice/video event of a community, run in one LiveKit room.
// Statuses move scheduled → live → ended, or scheduled → cancelled; nothing moves back.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { SESSION_STATUSES, SESSION_VISIBILITIES, type SessionStatus } from '../../protocol/index.js';
import { USER_ID } from '../../storage/models/fields.js';

export { SESSION_STATUSES, type SessionStatus };
/** `members`: members of the community only; `public`: any signed-in marketplace user. */
export { SESSION_VISIBILITIES };
export const MAX_CAPACITY = 10_000;

const userId = { type: String, required: true, match: USER_ID } as const;

/** One minute's reactions: emoji -> count. */
const reactionMinuteSchema = new Schema(
  { at: { type: Date, required: true }, counts: { type: Schema.Types.Mixed, required: true } },
  { _id: false, strict: 'throw' },
);

const summarySchema = new Schema(
  {
    peakParticipants: { type: Number, default: 0 },
    joins: { type: Number, default: 0 },
    totalWatchS: { type: Number, default: 0 },
    averageWatchS: { type: Number, default: 0 },
    handRaises: { type: Number, default: 0 },
    questions: { type: Number, default: 0 },
    pollVoters: { type: Number, default: 0 },
    /** Reactions per minute with any, oldest first (absent from sessions saved before). */
    reactionsByMinute: { type: [reactionMinuteSchema], default: [] },
  },
  { _id: false, strict: 'throw' },
);

const liveSessionSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    channelId: { type: Schema.Types.ObjectId, default: null },
    title: { type: String, required: true, maxlength: 200 },
    description: { type: String, default: '', maxlength: 5_000 },
    hostIds: { type: [userId], required: true },
    createdBy: userId,
    startsAt: { type: Date, required: true },
    durationMin: { type: Number, required: true, min: 1, max: 24 * 60 },
    capacity: { type: Number, required: true, min: 2, max: MAX_CAPACITY },
    visibility: { type: String, enum: SESSION_VISIBILITIES, required: true },
    status: { type: String, enum: SESSION_STATUSES, required: true, default: 'scheduled' },
    /** The LiveKit room; one per session, never reused. */
    room: { type: String, required: true },
    startedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    /** Telemetry, saved when the session ends. */
    summary: { type: summarySchema, default: null },
    /** Q&A and poll results, saved when the session ends (JSON as the state store gave it). */
    results: { type: Schema.Types.Mixed, default: null },
    /** The recording running now (media/recording), if any: one at a time. */
    recordingId: { type: String, default: null },
  },
  { strict: 'throw', versionKey: false, timestamps: true },
);
// A community's sessions by start time: the schedule.
liveSessionSchema.index({ communityId: 1, startsAt: 1 });
// Webhooks name the room.
liveSessionSchema.index({ room: 1 }, { unique: true });

export type LiveSession = InferSchemaType<typeof liveSessionSchema>;
const define = (connection: Connection) =>
  connection.model('LiveSession', liveSessionSchema, 'live_sessions');
export type LiveSessionModel = ReturnType<typeof define>;

export function liveSessionModel(connection: Connection): LiveSessionModel {
  return (connection.models['LiveSession'] as LiveSessionModel | undefined) ?? define(connection);
}

const interestSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    userId,
    at: { type: Date, required: true, default: Date.now },
  },
  { strict: 'throw', versionKey: false },
);
// One mark per member and session; the reminder job lists a session's marks.
interestSchema.index({ sessionId: 1, userId: 1 }, { unique: true });

const defineInterest = (connection: Connection) =>
  connection.model('LiveSessionInterest', interestSchema, 'live_session_interest');
export type InterestModel = ReturnType<typeof defineInterest>;

export function interestModel(connection: Connection): InterestModel {
  return (
    (connection.models['LiveSessionInterest'] as InterestModel | undefined) ?? defineInterest(connection)
  );
}

export async function syncSessionIndexes(connection: Connection): Promise<void> {
  await liveSessionModel(connection).syncIndexes();
  await interestModel(connection).syncIndexes();
}
