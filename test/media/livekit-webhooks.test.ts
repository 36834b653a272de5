// Real LiveKit webhooks: a private LiveKit dev server posts its signed webhooks to the hub, and
// they drive the session: live when the room starts, presence and telemetry as people join and
// leave, a removed participant who rejoins with their old token is removed again, ended (with
// its summary saved) when the room finishes; the hosts' summary then reports the audience from
// those webhooks, with the Q&A, poll results and reactions over time.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSessionModel } from '../../media/sessions/session.model.js';
import type { LiveSessionSummary } from '../../protocol/index.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { freePort } from '../support/redis-server.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';
import { PrivateLiveKit } from './private-livekit.js';
import { RtcParticipant } from './rtc.js';

type Hub = Awaited<ReturnType<typeof startTestHub>>;
interface Ticket {
  url: string;
  token: string;
  room: string;
}

describe.skipIf(!PrivateLiveKit.available())('LiveKit webhooks from a real LiveKit server', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let hub: Hub;
  let livekit: PrivateLiveKit;
  let host: ApiCall;
  let ann: ApiCall;
  const rtc: RtcParticipant[] = [];
  const sockets: TestClient[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    livekit = await PrivateLiveKit.reserve();
    hub = await startTestHub({
      server: { port: await freePort() },
      mongodb: { url: db.url },
      redis: { keyPrefix: `lkhook${randomUUID().slice(0, 6)}` },
      livekit: { url: livekit.url },
    });
    c = await createTestCommunity(hub.url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Host' }],
    });
    await livekit.start(`${hub.url}/webhooks/livekit`);
    host = await apiAs(hub.url, 'host');
    ann = await apiAs(hub.url, 'ann');
  }, 90_000);

  afterAll(async () => {
    await Promise.all(rtc.map((p) => p.leave()));
    sockets.forEach((x) => x.close());
    await hub?.shutdown();
    await livekit?.stop();
    await db?.drop();
  });

  it('drives a session from room_started to room_finished', async () => {
    const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
      title: 'Real webhooks',
      startsAt: new Date(Date.now() + 600_000).toISOString(),
      durationMin: 30,
      capacity: 5,
    });
    const sessionId = created.body['id'] as string;
    const status = async () => (await host('GET', `/api/v1/live-sessions/${sessionId}`)).body['status'];
    const telemetry = async () => (await host('GET', `/api/v1/live-sessions/${sessionId}/telemetry`)).body;

    // Hosts hear the figures move on their own user topic, over the gateway.
    const hostSocket = await TestClient.connect(hub.wsUrl, await tokenFor('host'));
    sockets.push(hostSocket);
    await hostSocket.ok({ type: 'subscribe', channel: 'user:host' });

    // The host's connection starts the room; LiveKit's room_started makes the session live.
    const hostTicket = (await host('POST', `/api/v1/live-sessions/${sessionId}/join`))
      .body as unknown as Ticket;
    const hostRtc = await RtcParticipant.join(hostTicket);
    rtc.push(hostRtc);
    await hostRtc.publishMicrophone();
    await eventually(async () => (await status()) === 'live', 15_000, 200);

    const annTicket = (await ann('POST', `/api/v1/live-sessions/${sessionId}/join`))
      .body as unknown as Ticket;
    const annRtc = await RtcParticipant.join(annTicket);
    rtc.push(annRtc);
    await eventually(async () => (await telemetry())['currentParticipants'] === 2, 15_000, 200);
    const live = await hostSocket.next((f) => {
      const data = f['data'] as { kind?: string; currentParticipants?: number } | undefined;
      return f.type === 'pub' && data?.kind === 'live_session_telemetry' && data.currentParticipants === 2;
    }, 15_000);
    expect(live['data']).toMatchObject({ sessionId, peakParticipants: 2, joins: 2 });
    // The host's microphone track (track_published) puts them on air.
    await eventually(
      async () => {
        const stage = await host('GET', `/api/v1/live-sessions/${sessionId}/stage`);
        return (stage.body['onAir'] as string[]).includes('host');
      },
      15_000,
      200,
    );

    // Removed, ann's old token still opens LiveKit (v1.13.5 does not honour revokeTokenTs), but
    // her participant_joined webhook has the hub remove her again at once.
    expect((await host('POST', `/api/v1/live-sessions/${sessionId}/participants/ann/remove`)).status).toBe(
      200,
    );
    await eventually(() => annRtc.disconnected, 10_000);
    const again = await RtcParticipant.join(annTicket).catch(() => null);
    if (again) {
      rtc.push(again);
      await eventually(() => again.disconnected, 15_000, 100);
    }
    await eventually(async () => {
      const people = await hub.livekit.rooms.listParticipants(hostTicket.room);
      return people.length === 1 && people[0]?.identity === 'host';
    }, 15_000);
    await eventually(async () => (await telemetry())['currentParticipants'] === 1, 15_000, 200);

    // What the summary will report besides the audience: a question answered, a poll, reactions.
    const at = (rest: string) => `/api/v1/live-sessions/${sessionId}${rest}`;
    expect((await host('GET', at('/summary'))).status).toBe(409);
    const question = await host('POST', at('/questions'), { text: 'Gas or heat pump for a flat?' });
    expect(question.status).toBe(201);
    const answered = await host('PUT', at(`/questions/${question.body['id'] as string}/status`), {
      status: 'answered',
    });
    expect(answered.status).toBe(200);
    const poll = await host('POST', at('/polls'), {
      question: 'Which?',
      options: ['Gas', 'Heat pump'],
      multiple: false,
    });
    expect(
      (await host('POST', at(`/polls/${poll.body['id'] as string}/votes`), { choices: [1] })).status,
    ).toBe(200);
    for (const emoji of ['👏', '👏', '🔥'])
      expect((await host('POST', at('/reactions'), { emoji })).status).toBe(202);

    // A few seconds on air, so that the duration and the watch time (LiveKit stamps its events
    // in whole seconds) give a meaningful average.
    await eventually(async () => Number((await telemetry())['totalWatchS']) >= 3, 15_000, 200);
    // Closing the room (as LiveKit does after its empty timeout) ends the session.
    await hub.livekit.rooms.deleteRoom(hostTicket.room);
    await eventually(async () => (await status()) === 'ended', 15_000, 200);
    const saved = await liveSessionModel(db.connection).findById(sessionId).lean();
    expect(saved?.summary).toMatchObject({ peakParticipants: 2, joins: 2 });
    expect(saved?.summary?.totalWatchS).toBeGreaterThanOrEqual(0);

    const summary = await host('GET', at('/summary'));
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      sessionId,
      audience: { peak: 2, joins: 2 },
      questions: { asked: 1, answered: 1, open: 0 },
      polls: [{ question: 'Which?', options: ['Gas', 'Heat pump'], counts: [0, 1], voters: 1 }],
      reactions: { total: 3, byEmoji: { '👏': 2, '🔥': 1 } },
    });
    const body = summary.body as unknown as LiveSessionSummary;
    expect(body.durationS).toBeGreaterThan(0);
    // The host was there from (just after) the room's start to its end, ann for a moment: about
    // one on average, the watch time about the duration.
    expect(body.audience.average).toBeGreaterThanOrEqual(0.5);
    expect(body.watch.totalS).toBeGreaterThanOrEqual(body.durationS - 1);
    expect(body.audience.average).toBeLessThanOrEqual(2);
    expect(body.reactions.byMinute.flatMap((m) => Object.values(m.counts)).reduce((a, b) => a + b, 0)).toBe(
      3,
    );
    // Members who are not hosts get none.
    expect((await (await apiAs(hub.url, 'bob'))('GET', at('/summary'))).status).toBe(403);
  }, 150_000);
});
