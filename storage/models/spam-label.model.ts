// A moderator's decision turned into a training label for the spam model: the message's text as
// it was when decided, and whether it is spam. One per message (the latest judgement wins: an
// overturned appeal relabels it). moderation/scoring/queue/labels.ts holds the rule.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { MAX_BODY } from './chat-message.model.js';
import { userIdField } from './fields.js';

const spamLabelSchema = new Schema(
  {
    messageId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    communityId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    /** The message's author: their erasure deletes their labels. */
    authorId: userIdField,
    text: { type: String, required: true, minlength: 1, maxlength: MAX_BODY },
    spam: { type: Boolean, required: true },
    /** Why: the decision that made it ('approve', 'remove'…, or 'appeal.overturned'). */
    source: { type: String, required: true, maxlength: 64 },
    by: userIdField,
    at: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
spamLabelSchema.index({ messageId: 1 }, { unique: true });
spamLabelSchema.index({ authorId: 1 });
// The retrain job reads them oldest first.
spamLabelSchema.index({ at: 1 });

export type SpamLabel = InferSchemaType<typeof spamLabelSchema>;
const define = (connection: Connection) => connection.model('SpamLabel', spamLabelSchema, 'spam_labels');
export type SpamLabelModel = ReturnType<typeof define>;

export function spamLabelModel(connection: Connection): SpamLabelModel {
  return (connection.models['SpamLabel'] as SpamLabelModel | undefined) ?? define(connection);
}
