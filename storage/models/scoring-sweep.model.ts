// How far the scoring workers' repair sweep has checked: every community message stored before
// `watermark` had a decision recorded, or was enqueued again (moderation/message-path/scoring-enqueue.ts).
import { Schema, type Connection, type InferSchemaType } from 'mongoose';

const scoringSweepSchema = new Schema(
  {
    /** The sweep's name ('repair'). */
    _id: { type: String, required: true },
    watermark: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);

export type ScoringSweep = InferSchemaType<typeof scoringSweepSchema>;
const define = (connection: Connection) =>
  connection.model('ScoringSweep', scoringSweepSchema, 'scoring_sweeps');
export type ScoringSweepModel = ReturnType<typeof define>;

export function scoringSweepModel(connection: Connection): ScoringSweepModel {
  return (connection.models['ScoringSweep'] as ScoringSweepModel | undefined) ?? define(connection);
}
