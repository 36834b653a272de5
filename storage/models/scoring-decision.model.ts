// The scoring workers' decision about one message: allow, flag, or hide and flag. At most one
// per message (unique messageId), whatever retries and crashes happen: a worker records the
// decision first, then applies its effects (each idempotent) and marks it done, so a worker that
// takes over a dead one's job finds the decision and finishes it instead of deciding again.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { userIdField } from './fields.js';

export const SCORING_ACTIONS = ['allow', 'flag', 'hide'] as const;
export const DECISION_STATUSES = ['recorded', 'done'] as const;
export const MAX_SCORES = 16_384;
export const MAX_SUMMARY = 512;

const scoringDecisionSchema = new Schema(
  {
    messageId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    communityId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    channelId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    authorId: userIdField,
    action: { type: String, required: true, enum: SCORING_ACTIONS, immutable: true },
    risk: { type: Number, required: true, min: 0, max: 1, immutable: true },
    /** The score sheet as JSON text ('{}' for an allowed message: nothing of it is kept). */
    scores: { type: String, default: '{}', maxlength: MAX_SCORES, immutable: true },
    /** The reason the case's flag carries. */
    summary: { type: String, default: '', maxlength: MAX_SUMMARY, immutable: true },
    modelVersion: { type: Number, required: true, min: 0, immutable: true },
    status: { type: String, required: true, enum: DECISION_STATUSES, default: 'recorded' },
    /** Until when the worker applying the effects holds the decision; another may take it after. */
    leaseUntil: { type: Date, required: true, default: Date.now },
    createdAt: { type: Date, required: true, default: Date.now, immutable: true },
    doneAt: { type: Date, default: null },
  },
  { strict: 'throw', versionKey: false },
);
// Exactly one decision per message: the second insert of a message's decision is a duplicate key.
scoringDecisionSchema.index({ messageId: 1 }, { unique: true });
// A user's data: export and erasure.
scoringDecisionSchema.index({ authorId: 1 });
// The daily sweep of old finished decisions.
scoringDecisionSchema.index({ status: 1, createdAt: 1 });

export type ScoringDecision = InferSchemaType<typeof scoringDecisionSchema>;
const define = (connection: Connection) =>
  connection.model('ScoringDecision', scoringDecisionSchema, 'scoring_decisions');
export type ScoringDecisionModel = ReturnType<typeof define>;

export function scoringDecisionModel(connection: Connection): ScoringDecisionModel {
  return (connection.models['ScoringDecision'] as ScoringDecisionModel | undefined) ?? define(connection);
}
