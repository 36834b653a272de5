// A deleted community's live sessions: the sessions and the members' interest marks in them.
// Registered with the community's provisioning (hub/node.ts) so deleting a community erases them.
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { interestModel, liveSessionModel } from './session.model.js';

export async function eraseCommunitySessions(connection: Connection, communityId: string): Promise<void> {
  const id = new Types.ObjectId(communityId);
  const sessions = await liveSessionModel(connection).find({ communityId: id }, { _id: 1 }).lean();
  await interestModel(connection).deleteMany({ sessionId: { $in: sessions.map((s) => s._id) } });
  await liveSessionModel(connection).deleteMany({ communityId: id });
}
