// A deleted community's live sessions: the sessions, the members' interest marks in them and
// their recordings' records (a recording's file lives in Egress's storage, not here).
// Registered with the community's provisioning (hub/node.ts) so deleting a community erases them.
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { recordingModel } from '../recording/recording.model.js';
import { interestModel, liveSessionModel } from './session.model.js';

export async function eraseCommunitySessions(connection: Connection, communityId: string): Promise<void> {
  const id = new Types.ObjectId(communityId);
  const sessions = await liveSessionModel(connection).find({ communityId: id }, { _id: 1 }).lean();
  const ids = sessions.map((s) => s._id);
  await interestModel(connection).deleteMany({ sessionId: { $in: ids } });
  await recordingModel(connection).deleteMany({ sessionId: { $in: ids } });
  await liveSessionModel(connection).deleteMany({ communityId: id });
}
