// A moderation case: everything the moderators' review queue knows about one message. Reports of
// members and automatic flags (AutoMod, scoring) of the same message accumulate into one case;
// a moderator claims it, decides it, and the author may appeal the decision once
// (storage/repositories/cases.ts keeps these rules).
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { USER_ID, userIdField } from './fields.js';

export const CASE_SOURCES = ['report', 'automod', 'scoring'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_STATUSES = ['open', 'claimed', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['approve', 'remove', 'warn', 'timeout', 'kick', 'ban'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Decisions that cost the author something, and so may be appealed. */
export const APPEALABLE_ACTIONS: readonly CaseAction[] = ['remove', 'timeout', 'kick', 'ban'];

export const APPEAL_STATUSES = ['open', 'upheld', 'overturned'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/**
 * What overturning a decision did: nothing yet (open or upheld), nothing it could (a removed
 * message is not restored, a kicked member may simply join again), or the sanction lifted.
 */
export const APPEAL_EFFECTS = ['none', 'not_restored', 'timeout_lifted', 'ban_lifted'] as const;
export type AppealEffect = (typeof APPEAL_EFFECTS)[number];

export const MAX_REASON = 512;
/** Reports of one message beyond this add nothing a moderator needs; bounds the document. */
export const MAX_FLAGS = 200;

const reason = { type: String, default: '', maxlength: MAX_REASON } as const;

/** One report or automatic flag; `by` is a user id, or 'automod' / 'scoring'. */
const flagSchema = new Schema(
  {
    by: userIdField,
    reason,
    at: { type: Date, required: true },
    /** A report about one of the message's files (chat attachments); null: the message as a whole. */
    attachmentId: { type: Schema.Types.ObjectId, default: null },
  },
  { _id: false, strict: 'throw' },
);

const decisionSchema = new Schema(
  {
    action: { type: String, required: true, enum: CASE_ACTIONS },
    reason: { type: String, required: true, minlength: 1, maxlength: MAX_REASON },
    by: userIdField,
    at: { type: Date, required: true },
    /** The length of a timeout; null for other actions. */
    durationS: {
      type: Number,
      default: null,
      min: 1,
      validate: (v: number | null) => v === null || Number.isSafeInteger(v),
    },
  },
  { _id: false, strict: 'throw' },
);

const appealSchema = new Schema(
  {
    by: userIdField,
    reason: { type: String, required: true, minlength: 1, maxlength: MAX_REASON },
    at: { type: Date, required: true },
    status: { type: String, required: true, enum: APPEAL_STATUSES, default: 'open' },
    decidedBy: { type: String, default: null, match: USER_ID },
    decidedAt: { type: Date, default: null },
    /** The deciding moderator's reason ('' while open). */
    decisionReason: reason,
    effect: { type: String, required: true, enum: APPEAL_EFFECTS, default: 'none' },
  },
  { _id: false, strict: 'throw' },
);

const moderationCaseSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    channelId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    messageId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    /** The message's author, whom decisions act on. */
    authorId: { ...userIdField, immutable: true },
    /** Where the case came from: its first flag. */
    source: { type: String, required: true, enum: CASE_SOURCES, immutable: true },
    flags: { type: [flagSchema], default: [] },
    /** Classifier or rule scores as JSON text, so no caller-chosen key becomes a field name. */
    scores: { type: String, default: '{}', maxlength: 16_384 },
    status: { type: String, required: true, enum: CASE_STATUSES, default: 'open' },
    claimedBy: { type: String, default: null, match: USER_ID },
    claimedAt: { type: Date, default: null },
    decision: { type: decisionSchema, default: null },
    appeal: { type: appealSchema, default: null },
    createdAt: { type: Date, required: true, default: Date.now, immutable: true },
    updatedAt: { type: Date, required: true, default: Date.now },
  },
  { strict: 'throw', versionKey: false },
);
// One case per message: reports and flags of a message race to create its case, and the
// unique index lets one insert win while the others add their flag to it.
moderationCaseSchema.index({ messageId: 1 }, { unique: true });
// The review queue: a community's cases in one status, newest first (the list and its pages).
moderationCaseSchema.index({ communityId: 1, status: 1, createdAt: -1, _id: -1 });
// An author's history in a community, newest first: shown beside every case of theirs.
moderationCaseSchema.index({ communityId: 1, authorId: 1, createdAt: -1 });

export type ModerationCase = InferSchemaType<typeof moderationCaseSchema>;
const define = (connection: Connection) =>
  connection.model('ModerationCase', moderationCaseSchema, 'moderation_cases');
export type ModerationCaseModel = ReturnType<typeof define>;

export function moderationCaseModel(connection: Connection): ModerationCaseModel {
  return (connection.models['ModerationCase'] as ModerationCaseModel | undefined) ?? define(connection);
}
