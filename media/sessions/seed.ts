// The demo's live sessions, for `hub seed`: one upcoming session on each demo community's stage
// channel, hosted by the demo host (who may go live from the demo page's <hub-live-session>).
// Idempotent: a community that already has an upcoming (scheduled or live) session with that
// title gets nothing new; once the demo host ended or cancelled it, the next seed schedules
// another, so the demo always has one to start.
import { randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { liveSessionModel } from './session.model.js';

export const DEMO_HOST = 'demo-host';

interface DemoSession {
  slug: string;
  title: string;
  description: string;
}

const SESSIONS: DemoSession[] = [
  {
    slug: 'plumbers',
    title: 'Live Q&A: winter-proofing your pipes',
    description:
      'Frozen pipes, lagging and boiler checks before the cold snap. Raise your hand to ask on stage.',
  },
  {
    slug: 'designers',
    title: 'Portfolio reviews, live',
    description: 'Bring one project; the hosts review it on stage. Questions welcome in the Q&A.',
  },
];

/** Schedules the demo sessions an hour from now; returns each community's upcoming session id. */
export async function seedLiveSessions(
  connection: Connection,
  communities: readonly { slug: string; id: string; channels: Record<string, string> }[],
  now = Date.now(),
): Promise<{ slug: string; sessionId: string }[]> {
  const Session = liveSessionModel(connection);
  const seeded: { slug: string; sessionId: string }[] = [];
  for (const demo of SESSIONS) {
    const community = communities.find((c) => c.slug === demo.slug);
    if (!community) continue;
    const existing = await Session.findOne({
      communityId: new Types.ObjectId(community.id),
      title: demo.title,
      status: { $in: ['scheduled', 'live'] },
    }).lean();
    if (existing) {
      seeded.push({ slug: demo.slug, sessionId: existing._id.toHexString() });
      continue;
    }
    const stage = community.channels['stage'];
    const created = await Session.create({
      communityId: new Types.ObjectId(community.id),
      channelId: stage ? new Types.ObjectId(stage) : null,
      title: demo.title,
      description: demo.description,
      hostIds: [DEMO_HOST],
      createdBy: DEMO_HOST,
      startsAt: new Date(now + 3_600_000),
      durationMin: 45,
      capacity: 100,
      visibility: 'members',
      room: `live-${randomBytes(9).toString('base64url')}`,
    });
    seeded.push({ slug: demo.slug, sessionId: created._id.toHexString() });
  }
  return seeded;
}
