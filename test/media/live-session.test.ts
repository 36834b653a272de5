// A live session end to end, against the real LiveKit dev server: scheduling, webhooks moving
// its status, a host and two audience members joining and publishing real audio frames, the
// stage (hands, invitation, mute, removal), and what is saved when it ends.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackSource } from 'livekit-server-sdk';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';
import { RtcParticipant } from './rtc.js';
import { deliver, signedWebhook } from './webhooks.js';

type Hub = Awaited<ReturnType<typeof startTestHub>>;
interface Ticket {
  url: string;
  token: string;
  role: string;
  room: string;
}

describe('live sessions against LiveKit', { timeout: 120_000 }, () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Hub;
  let c: TestCommunity;
  let as: Record<'host' | 'ann' | 'bob' | 'mod' | 'stranger', ApiCall>;
  let sessionId = '';
  let room = '';
  const rtc: RtcParticipant[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `media${randomUUID().slice(0, 6)}` },
    });
    c = await createTestCommunity(hub.url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Hana Host' }],
    });
    as = {
      host: await apiAs(hub.url, 'host', { name: 'Hana Host' }),
      ann: await apiAs(hub.url, 'ann'),
      bob: await apiAs(hub.url, 'bob'),
      mod: await apiAs(hub.url, 'mod'),
      stranger: await apiAs(hub.url, 'stranger'),
    };
  }, 90_000);

  afterAll(async () => {
    await Promise.all(rtc.map((p) => p.leave()));
    clients.forEach((x) => x.close());
    if (room) await hub.livekit.rooms.deleteRoom(room).catch(() => undefined);
    await hub.shutdown();
    await db.drop();
  });

  const webhook = async (event: string, extra: { identity?: string; trackSource?: 'MICROPHONE' } = {}) =>
    deliver(hub.url, await signedWebhook({ event, room, ...extra }, hub.config.livekit));
  const status = async () => (await as.host('GET', `/api/v1/live-sessions/${sessionId}`)).body['status'];

  it('lets a host schedule a session, and nobody without HOST_SESSIONS', async () => {
    const input = {
      title: 'Pricing AMA; tips, tricks',
      description: 'Bring questions',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      durationMin: 45,
      capacity: 10,
    };
    const refused = await as.ann('POST', `/api/v1/communities/${c.id}/live-sessions`, input);
    expect(refused.status).toBe(403);
    const created = await as.host('POST', `/api/v1/communities/${c.id}/live-sessions`, input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'scheduled', hostIds: ['host'], visibility: 'members' });
    sessionId = created.body['id'] as string;
    const bad = await as.host('POST', `/api/v1/communities/${c.id}/live-sessions`, { ...input, capacity: 1 });
    expect(bad.status).toBe(400);
  });

  it('shows it to members only, takes interest, and exports it as iCalendar', async () => {
    expect((await as.stranger('GET', `/api/v1/live-sessions/${sessionId}`)).status).toBe(404);
    const marked = await as.ann('PUT', `/api/v1/live-sessions/${sessionId}/interest`, { interested: true });
    expect(marked.body).toEqual({ interested: 1 });
    await as.ann('PUT', `/api/v1/live-sessions/${sessionId}/interest`, { interested: true });
    const seen = await as.ann('GET', `/api/v1/live-sessions/${sessionId}`);
    expect(seen.body).toMatchObject({ interested: 1, youInterested: true, youHost: false });
    const list = await as.bob('GET', `/api/v1/communities/${c.id}/live-sessions`);
    expect((list.body['items'] as { id: string }[]).map((s) => s.id)).toEqual([sessionId]);

    const res = await fetch(`${hub.url}/api/v1/live-sessions/${sessionId}/calendar.ics`, {
      headers: { authorization: `Bearer ${await tokenFor('ann')}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await res.text();
    expect(ics).toContain('SUMMARY:Pricing AMA\\; tips\\, tricks\r\n');
    expect(ics).toContain(`UID:${sessionId}@hubbub\r\n`);
    const anonymous = await fetch(`${hub.url}/api/v1/live-sessions/${sessionId}/calendar.ics`);
    expect(anonymous.status).toBe(401);
  });

  it('lets only hosts in before the session is live, and creates the room with its capacity', async () => {
    expect((await as.ann('POST', `/api/v1/live-sessions/${sessionId}/join`)).status).toBe(409);
    const joined = await as.host('POST', `/api/v1/live-sessions/${sessionId}/join`);
    expect(joined.status).toBe(200);
    const ticket = joined.body as unknown as Ticket;
    expect(ticket.role).toBe('host');
    room = ticket.room;
    const [lkRoom] = await hub.livekit.rooms.listRooms([room]);
    expect(lkRoom?.maxParticipants).toBe(10);
    expect(lkRoom?.emptyTimeout).toBe(hub.config.media.emptyTimeoutS);
  });

  it('goes live on a signed room_started webhook, and tells the community', async () => {
    const timeline = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    clients.push(timeline);
    await timeline.ok({ type: 'subscribe', channel: `timeline:${c.id}` });

    const forged = await signedWebhook(
      { event: 'room_started', room },
      { apiKey: 'devkey', apiSecret: 'nope' },
    );
    expect((await deliver(hub.url, forged)).status).toBe(401);
    const real = await signedWebhook({ event: 'room_started', room }, hub.config.livekit);
    const tampered = { ...real, body: real.body.replace('room_started', 'room_finished') };
    expect((await deliver(hub.url, tampered)).status).toBe(401);
    const stale = await signedWebhook(
      { event: 'room_finished', room, createdAtS: Math.floor(Date.now() / 1000) - 3_600 },
      hub.config.livekit,
    );
    expect((await deliver(hub.url, stale)).status).toBe(401);
    expect(await status()).toBe('scheduled');

    expect((await deliver(hub.url, real)).body).toEqual({ outcome: 'handled' });
    expect((await deliver(hub.url, real)).body).toEqual({ outcome: 'duplicate' });
    expect(await status()).toBe('live');
    const announced = await timeline.next((f) => f.type === 'pub');
    expect(JSON.parse(JSON.stringify(announced['data']))).toMatchObject({
      kind: 'live_session_started',
      sessionId,
    });
  });

  it('runs the stage with real participants publishing audio', async () => {
    const ticket = async (who: 'host' | 'ann' | 'bob') => {
      const res = await as[who]('POST', `/api/v1/live-sessions/${sessionId}/join`);
      expect(res.status).toBe(200);
      return res.body as unknown as Ticket;
    };
    const hostTicket = await ticket('host');
    const [annTicket, bobTicket] = [await ticket('ann'), await ticket('bob')];
    expect([annTicket.role, bobTicket.role]).toEqual(['audience', 'audience']);

    const host = await RtcParticipant.join(hostTicket);
    const ann = await RtcParticipant.join(annTicket);
    const bob = await RtcParticipant.join(bobTicket);
    rtc.push(host, ann, bob);
    await host.publishMicrophone();
    for (const identity of ['host', 'ann', 'bob']) await webhook('participant_joined', { identity });

    // The audience may not publish until a host invites them.
    await expect(ann.publishMicrophone()).rejects.toThrow();

    expect((await as.ann('POST', `/api/v1/live-sessions/${sessionId}/hand`)).body).toEqual({ position: 1 });
    expect((await as.bob('POST', `/api/v1/live-sessions/${sessionId}/hand`)).body).toEqual({ position: 2 });
    expect((await as.ann('POST', `/api/v1/live-sessions/${sessionId}/hand`)).body).toEqual({ position: 1 });
    const stage = await as.ann('GET', `/api/v1/live-sessions/${sessionId}/stage`);
    expect((stage.body['hands'] as { userId: string }[]).map((h) => h.userId)).toEqual(['ann', 'bob']);

    // Only hosts invite; the invitation lets ann publish, live.
    expect((await as.bob('PUT', `/api/v1/live-sessions/${sessionId}/speakers/ann`)).status).toBe(403);
    expect((await as.host('PUT', `/api/v1/live-sessions/${sessionId}/speakers/ann`)).status).toBe(200);
    await eventually(() => host.data.some((d) => d.topic === 'hubbub.state'));
    const published = await eventually(() => ann.publishMicrophone().catch(() => undefined), 10_000, 300);
    const annTrack = await eventually(async () => {
      const p = await hub.livekit.rooms.getParticipant(room, 'ann');
      return p.tracks.find((t) => t.source === TrackSource.MICROPHONE && t.sid === published.sid);
    });
    expect(annTrack.muted).toBe(false);
    // LiveKit's track_published webhook tells who is speaking on stage.
    await webhook('track_published', { identity: 'ann', trackSource: 'MICROPHONE' });
    expect((await as.host('GET', `/api/v1/live-sessions/${sessionId}/stage`)).body).toMatchObject({
      hands: [expect.objectContaining({ userId: 'bob' })],
      speakers: ['ann'],
      onAir: ['ann'],
    });

    // A host mutes ann's track: LiveKit reports it muted.
    const mute = await as.host('POST', `/api/v1/live-sessions/${sessionId}/participants/ann/mute`, {
      trackSid: annTrack.sid,
    });
    expect(mute.body).toEqual({ trackSid: annTrack.sid, muted: true });
    await eventually(async () => {
      const p = await hub.livekit.rooms.getParticipant(room, 'ann');
      return p.tracks.find((t) => t.sid === annTrack.sid)?.muted === true;
    });
    expect((await as.ann('POST', `/api/v1/live-sessions/${sessionId}/participants/bob/remove`)).status).toBe(
      403,
    );

    // Q&A and reactions reach everyone in the room live, as data messages from the hub.
    const asked = await as.bob('POST', `/api/v1/live-sessions/${sessionId}/questions`, {
      text: 'Can you hear me?',
    });
    expect(asked.status).toBe(201);
    await eventually(() =>
      ann.data.some((d) => {
        const p = d.payload as { kind?: string; items?: { id: string }[] };
        return p.kind === 'questions' && (p.items ?? []).some((q) => q.id === asked.body['id']);
      }),
    );
    for (const [who, emoji] of [
      ['bob', '👏'],
      ['ann', '👏'],
      ['host', '🎉'],
    ] as const) {
      expect((await as[who]('POST', `/api/v1/live-sessions/${sessionId}/reactions`, { emoji })).status).toBe(
        202,
      );
    }
    const reacted = () => {
      const totals: Record<string, number> = {};
      for (const d of host.data) {
        const p = d.payload as { kind?: string; counts?: Record<string, number> };
        if (p.kind !== 'reactions') continue;
        for (const [emoji, n] of Object.entries(p.counts ?? {})) totals[emoji] = (totals[emoji] ?? 0) + n;
      }
      return totals;
    };
    await eventually(() => reacted()['👏'] === 2 && reacted()['🎉'] === 1, 5_000);
    expect(
      (await as.bob('POST', `/api/v1/live-sessions/${sessionId}/reactions`, { emoji: '💩' })).status,
    ).toBe(400);

    // A host removes bob: he is out, gets no new token, and his old token no longer admits him.
    expect((await as.host('POST', `/api/v1/live-sessions/${sessionId}/participants/bob/remove`)).status).toBe(
      200,
    );
    await eventually(() => bob.disconnected);
    expect((await as.bob('POST', `/api/v1/live-sessions/${sessionId}/join`)).status).toBe(403);
    // Nor may he read the session, export it, or raise his hand into the hosts' queue again.
    for (const [method, path] of [
      ['GET', `/api/v1/live-sessions/${sessionId}`],
      ['GET', `/api/v1/live-sessions/${sessionId}/calendar.ics`],
      ['POST', `/api/v1/live-sessions/${sessionId}/hand`],
    ] as const) {
      expect((await as.bob(method, path)).status, `${method} ${path}`).toBe(403);
    }
    const queue = await as.host('GET', `/api/v1/live-sessions/${sessionId}/stage`);
    expect((queue.body['hands'] as { userId: string }[]).map((h) => h.userId)).not.toContain('bob');
    const again = new RtcParticipant();
    rtc.push(again);
    const rejoined = await again.room
      .connect(bobTicket.url, bobTicket.token, { autoSubscribe: false, dynacast: false })
      .then(
        () => true,
        () => false,
      );
    if (rejoined) {
      // LiveKit let the old token in: its participant_joined webhook removes him again.
      await webhook('participant_joined', { identity: 'bob' });
    }
    await eventually(async () => {
      const people = await hub.livekit.rooms.listParticipants(room);
      return !people.some((p) => p.identity === 'bob');
    });

    // ann steps down: she may no longer publish.
    expect((await as.ann('DELETE', `/api/v1/live-sessions/${sessionId}/speakers/ann`)).status).toBe(200);
    await eventually(async () => {
      const p = await hub.livekit.rooms.getParticipant(room, 'ann');
      return p.permission?.canPublish === false;
    });
  }, 120_000);

  it('shows hosts live telemetry, ends on room_finished and keeps the summary', async () => {
    expect((await as.ann('GET', `/api/v1/live-sessions/${sessionId}/telemetry`)).status).toBe(403);
    const live = await as.host('GET', `/api/v1/live-sessions/${sessionId}/telemetry`);
    expect(live.body).toMatchObject({ live: true, joins: 3, peakParticipants: 3, handRaises: 2 });
    await webhook('participant_left', { identity: 'ann' });

    const forged = await signedWebhook(
      { event: 'room_finished', room },
      { apiKey: 'devkey', apiSecret: 'x' },
    );
    expect((await deliver(hub.url, forged)).status).toBe(401);
    expect(await status()).toBe('live');
    expect((await webhook('room_finished')).body).toEqual({ outcome: 'handled' });
    expect(await status()).toBe('ended');
    const saved = await as.host('GET', `/api/v1/live-sessions/${sessionId}/telemetry`);
    expect(saved.body).toMatchObject({ live: false, joins: 3, peakParticipants: 3, handRaises: 2 });
    expect((await as.host('POST', `/api/v1/live-sessions/${sessionId}/join`)).status).toBe(409);

    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).toMatch(/hubbub_livekit_webhooks_total\{event="room_finished",outcome="handled"\} 1/);
    expect(metrics).toMatch(/hubbub_livekit_webhooks_total\{event="unknown",outcome="forged"\} [1-9]/);
  });
});
