// AutoMod on the message path, end to end on two hub nodes: each rule type and each action. A
// blocked message is neither stored nor delivered; a hidden one reaches the others only as a
// placeholder and opens a case; an alert reaches the moderators; a timeout stops the next send.
// Rules are set over REST on one node and enforced on the other.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../storage/repositories/audit.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, TEST_OWNER, testDatabase, type TestCommunity } from '../support/community.js';
import { invalidationOn, startTestHub } from '../support/hub.js';
import { eventually } from '../support/wait.js';
import type { Frame, TestClient } from '../support/ws-client.js';
import { caseOf, dataOf, event, hubOverrides, socketOf, type CaseJson, type Hub } from './review-support.js';

type Rule = Record<string, unknown>;

describe('AutoMod on the message path', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let a: Hub;
  let b: Hub;
  let c: TestCommunity;
  let owner: ApiCall;
  let mod: ApiCall;
  const clients: TestClient[] = [];
  const socket = async (hub: Hub, user: string, topics: string[]) => {
    const client = await socketOf(hub, user, topics);
    clients.push(client);
    return client;
  };

  /** Replaces the community's rules (on node a), and waits until node b has dropped its cached ones. */
  const rules = async (...list: Rule[]) => {
    const heard = invalidationOn(b, c.id);
    const res = await owner('PUT', `/api/v1/communities/${c.id}/moderation/automod`, { rules: list });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await heard;
  };
  const send = (client: TestClient, body: string, channel: keyof TestCommunity['channels'] = 'general') =>
    client.request({ type: 'publish', channel: c.topic(channel), data: { body }, nonce: randomUUID() });
  const stored = async (channel = c.channels.general) => {
    const page = await mod('GET', `/api/v1/channels/${channel}/messages?limit=100`);
    return page.body['items'] as { id: string; body: string; hidden: boolean; author: { id: string } }[];
  };
  const chatOn = (client: TestClient) =>
    client.pubs(c.topic('general')).map((f) => dataOf<{ kind: string; body?: string; id: string }>(f));

  beforeAll(async () => {
    db = await testDatabase();
    const overrides = hubOverrides(db.url, 'am');
    a = await startTestHub(overrides);
    b = await startTestHub(overrides);
    // The community's owner holds the admin role: the one who may change its rules.
    c = await createTestCommunity(a.url);
    owner = await apiAs(a.url, TEST_OWNER);
    mod = await apiAs(a.url, 'mod');
  });
  afterAll(async () => {
    clients.forEach((x) => x.close());
    await Promise.all([a.shutdown(), b.shutdown()]);
    await db.drop();
  });

  it('validates rules at the edge and lets only administrators change them', async () => {
    const path = `/api/v1/communities/${c.id}/moderation/automod`;
    const bad = async (body: unknown) => {
      const res = await owner('PUT', path, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return res.body['error'] as { code: string; message: string };
    };
    const rule = { name: 'r', kind: 'keyword', keywords: ['x'], actions: [{ type: 'block' }] };
    expect((await bad({ rules: [{ ...rule, colour: 'red' }] })).code).toBe('validation_failed');
    expect(
      (await bad({ rules: [{ ...rule, kind: 'regex', keywords: undefined, patterns: ['(?<=a)b'] }] })).code,
    ).toBe('validation_failed');
    expect((await bad({ rules: [rule, rule] })).code).toBe('validation_failed');
    expect((await bad({ rules: [{ ...rule, keywords: [{ $ne: null }] }] })).code).toBe('validation_failed');
    expect((await owner('PUT', path, { rules: [], $where: 'sleep(1000)' })).status).toBe(400);
    // A moderator may read and try rules, not change them; a stranger learns nothing.
    expect((await mod('PUT', path, { rules: [] })).status).toBe(403);
    expect((await mod('GET', `/api/v1/communities/${c.id}/moderation/settings`)).status).toBe(200);
    const stranger = await apiAs(a.url, 'stranger');
    expect((await stranger('GET', `/api/v1/communities/${c.id}/moderation/settings`)).status).toBe(404);
    // Trying rules before saving them.
    const check = await mod('POST', `/api/v1/communities/${c.id}/moderation/automod/check`, {
      body: 'FREE NITRO here',
      config: { rules: [{ ...rule, keywords: ['free nitro'] }] },
    });
    expect(check.body).toMatchObject({ verdict: 'block', reasons: [{ rule: 'r', kind: 'keyword' }] });
  });

  it('blocks with the rule’s reason: nothing stored, nothing delivered, the block audited', async () => {
    await rules({
      name: 'scam',
      kind: 'keyword',
      keywords: ['free nitro', 'crypto*'],
      allow: ['cryptography'],
      actions: [{ type: 'block', reason: 'No scams here.' }],
    });
    const bob = await socket(b, 'bob', [c.topic('general')]);
    const ann = await socket(b, 'ann', []);
    // Evasions are normalized before matching; the allow list keeps an innocent word.
    for (const body of ['get FREE n1tro now', 'f r e e nitro!', 'ｃｒｙｐｔｏcoins 4 u']) {
      const reply = await send(ann, body);
      expect(reply.error, body).toMatchObject({ code: 'automod_blocked', message: 'No scams here.' });
    }
    expect((await send(ann, 'I study cryptography')).error).toBeUndefined();
    await eventually(() => chatOn(bob).find((d) => d.body === 'I study cryptography'));
    expect(chatOn(bob).filter((d) => d.kind === 'message')).toHaveLength(1);
    expect((await stored()).map((m) => m.body)).not.toContain('get FREE n1tro now');
    const audit = await eventually(async () => {
      const entries = await listAudit(db.connection, c.id);
      const blocks = entries.filter((e) => e.action === 'automod.block');
      return blocks.length === 3 ? blocks : undefined;
    });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ rules: ['scam'], kinds: ['keyword'] });
    // The log never holds what was written.
    expect(audit.some((e) => e.details.includes('nitro'))).toBe(false);
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toContain('hubbub_automod_verdicts_total{verdict="block"} 3');
    expect(metrics).toContain('hubbub_automod_actions_total{action="block"} 3');
  });

  it('hides and flags: the others get a placeholder, moderators a case; approving restores it', async () => {
    await rules({
      name: 'phone numbers',
      kind: 'regex',
      patterns: ['\\b\\d{3}[ -]?\\d{3}[ -]?\\d{4}\\b'],
      actions: [{ type: 'hide' }],
    });
    const bob = await socket(a, 'bob', [c.topic('general')]);
    const moderators = await socket(a, 'mod', [`mods:${c.id}`]);
    const ann = await socket(b, 'ann', ['user:ann']);
    const reply = await send(ann, 'call me at 555 123 4567');
    expect(reply.error).toBeUndefined();
    const hidden = dataOf<{ kind: string; id: string; by: string }>(await event(bob, 'message.hidden'));
    expect(hidden).toEqual({ kind: 'message.hidden', id: hidden.id, by: 'automod' });
    expect(JSON.stringify(bob.pubs(c.topic('general')))).not.toContain('555');

    const opened = dataOf<{ case: CaseJson }>(await event(moderators, 'case.opened'));
    expect(opened.case).toMatchObject({ messageId: hidden.id, source: 'automod', authorId: 'ann' });
    // History: the moderator and the author see the text, bob sees that something was hidden.
    const byMod = (await stored()).find((m) => m.id === hidden.id);
    expect(byMod).toMatchObject({ hidden: true, body: 'call me at 555 123 4567' });
    const bobApi = await apiAs(a.url, 'bob');
    const page = await bobApi('GET', `/api/v1/channels/${c.channels.general}/messages?limit=100`);
    const seenByBob = (page.body['items'] as { id: string; body: string; hidden: boolean }[]).find(
      (m) => m.id === hidden.id,
    );
    expect(seenByBob).toMatchObject({ hidden: true, body: '' });

    const decided = await mod('POST', `/api/v1/cases/${opened.case.id}/decision`, {
      action: 'approve',
      reason: 'a shop’s public number',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const restored = dataOf<{ message: { id: string; body: string }; author: { id: string } }>(
      await event(bob, 'message.restored'),
    );
    expect(restored).toMatchObject({
      message: { id: hidden.id, body: 'call me at 555 123 4567' },
      author: { id: 'ann' },
    });
    // The author learns the decision on their own topic, from moderation rather than a moderator.
    const reviewed = await event(ann, 'message.reviewed');
    expect(dataOf(reviewed)).toEqual({
      kind: 'message.reviewed',
      communityId: c.id,
      channelId: c.channels.general,
      messageId: hidden.id,
      decision: 'approved',
      reason: 'a shop’s public number',
    });
    expect(reviewed['info']).toMatchObject({ id: 'moderation' });
    const after = await bobApi('GET', `/api/v1/channels/${c.channels.general}/messages?limit=100`);
    expect(
      (after.body['items'] as { id: string; hidden: boolean }[]).find((m) => m.id === hidden.id),
    ).toMatchObject({
      hidden: false,
    });
  });

  it('tells the author of a held message that a moderator removed it, and why; nobody else', async () => {
    await rules({ name: 'no invites', kind: 'keyword', keywords: ['invite*'], actions: [{ type: 'hide' }] });
    const bob = await socket(a, 'bob', [c.topic('general'), 'user:bob']);
    const moderators = await socket(a, 'mod', [`mods:${c.id}`]);
    const ann = await socket(b, 'ann', ['user:ann']);
    const reply = await send(ann, 'invites to my server for everyone');
    expect(reply.error).toBeUndefined();
    const hidden = dataOf<{ id: string }>(await event(bob, 'message.hidden'));
    const opened = dataOf<{ case: CaseJson }>(await event(moderators, 'case.opened'));
    expect(opened.case).toMatchObject({ messageId: hidden.id, authorId: 'ann' });
    const decided = await mod('POST', `/api/v1/cases/${opened.case.id}/decision`, {
      action: 'remove',
      reason: 'No server invites here',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(dataOf(await event(ann, 'message.reviewed'))).toEqual({
      kind: 'message.reviewed',
      communityId: c.id,
      channelId: c.channels.general,
      messageId: hidden.id,
      decision: 'removed',
      reason: 'No server invites here',
    });
    // The channel learns only that it is gone; the reason reaches nobody but its author.
    expect(dataOf(await event(bob, 'message.deleted'))).toMatchObject({ id: hidden.id });
    expect(JSON.stringify(bob.pubs(c.topic('general')))).not.toContain('No server invites');
    expect(bob.pubs('user:bob')).toHaveLength(0);
  });

  it('alerts the moderators about profanity while delivering the message', async () => {
    await rules({ name: 'language', kind: 'profanity', minSeverity: 'strong', actions: [{ type: 'alert' }] });
    const bob = await socket(b, 'bob', [c.topic('general')]);
    const moderators = await socket(a, 'mod', [`mods:${c.id}`]);
    const ann = await socket(a, 'ann', []);
    expect((await send(ann, 'what the f.u.c.k')).error).toBeUndefined();
    const alert = dataOf<Record<string, unknown>>(await event(moderators, 'automod.alert'));
    expect(alert).toMatchObject({
      verdict: 'allow',
      authorId: 'ann',
      channelId: c.channels.general,
      reasons: [{ rule: 'language', kind: 'profanity' }],
    });
    await eventually(() => chatOn(bob).find((d) => d.body === 'what the f.u.c.k'));
    // Innocent words with profane substrings pass without an alert.
    expect((await send(ann, 'Scunthorpe has a classic cockpit museum')).error).toBeUndefined();
    await eventually(() => chatOn(bob).find((d) => d.body?.startsWith('Scunthorpe')));
    expect(
      moderators.frames.filter(
        (f: Frame) => (f['data'] as { kind?: string } | undefined)?.kind === 'automod.alert',
      ),
    ).toHaveLength(0);
  });

  it('times a flooding author out: the message over the limit is blocked, the next send refused', async () => {
    await rules({
      name: 'flood',
      kind: 'flood',
      maxMessages: 3,
      windowMs: 10_000,
      actions: [
        { type: 'block', reason: 'Slow down.' },
        { type: 'timeout', durationS: 60 },
      ],
    });
    const bob = await socket(b, 'bob', []);
    for (let i = 0; i < 3; i++) expect((await send(bob, `message ${i}`)).error).toBeUndefined();
    expect((await send(bob, 'message 3')).error).toMatchObject({
      code: 'automod_blocked',
      message: 'Slow down.',
    });
    expect((await send(bob, 'message 4')).error).toMatchObject({ code: 'timed_out' });
    // On the other node too.
    const elsewhere = await socket(a, 'bob', []);
    expect((await send(elsewhere, 'message 5')).error).toMatchObject({ code: 'timed_out' });
    const entries = await listAudit(db.connection, c.id);
    expect(entries.find((e) => e.action === 'automod.timeout')?.details).toContain('"durationS":60');
  });

  it('enforces mentions, links, capitals and duplicates, with exempt roles and channels', async () => {
    await rules(
      { name: 'mentions', kind: 'mentions', maxMentions: 3, actions: [{ type: 'block' }] },
      {
        name: 'links',
        kind: 'links',
        policy: 'allow_listed',
        domains: ['example.com'],
        actions: [{ type: 'block', reason: 'Links to example.com only.' }],
        exemptChannelIds: [c.channels.slow],
      },
      {
        name: 'caps',
        kind: 'caps',
        maxRatio: 0.7,
        minLetters: 8,
        actions: [{ type: 'block', reason: 'No shouting.' }],
        exemptRoleIds: [c.roleIds['moderator']],
      },
      { name: 'dupes', kind: 'duplicates', times: 3, windowMs: 60_000, actions: [{ type: 'hide' }] },
    );
    const insider = await socket(a, 'insider', [c.topic('general')]);
    const modSocket = await socket(b, 'mod', []);
    const code = async (client: TestClient, body: string, channel?: keyof TestCommunity['channels']) =>
      ((await send(client, body, channel)).error as { code?: string; message?: string } | undefined)
        ?.message ?? 'ok';

    expect(await code(insider, '<@u1> <@u2> <@u3> <@u4> look')).toBe(
      "Your message was blocked by this community's AutoMod.",
    );
    expect(await code(insider, '<@u1> <@u2> <@u1> fine')).toBe('ok');
    expect(await code(insider, 'see https://shop.example.com/x')).toBe('ok');
    expect(await code(insider, 'see https://evil.test/x')).toBe('Links to example.com only.');
    expect(await code(modSocket, 'see https://evil.test/x', 'slow')).toBe('ok'); // exempt channel
    expect(await code(insider, 'THIS IS SO LOUD')).toBe('No shouting.');
    expect(await code(modSocket, 'THIS IS SO LOUD')).toBe('ok'); // exempt role
    expect(await code(insider, 'same old thing')).toBe('ok');
    expect(await code(insider, 'Same  old thing!')).toBe('ok');
    expect(await code(insider, 'same old THING')).toBe('ok');
    const hidden = await eventually(() => chatOn(insider).find((d) => d.kind === 'message.hidden'));
    const found = (await stored()).find((m) => m.id === hidden.id);
    expect(found).toMatchObject({ body: 'same old THING', hidden: true });
    await caseOf(mod, c, hidden.id);
  });

  it('checks edits too: a blocked edit changes nothing, a hidden one is announced without its text', async () => {
    await rules(
      {
        name: 'scam',
        kind: 'keyword',
        keywords: ['free nitro'],
        actions: [{ type: 'block', reason: 'No scams.' }],
      },
      { name: 'phone', kind: 'regex', patterns: ['\\d{3} \\d{4}'], actions: [{ type: 'hide' }] },
    );
    const bob = await socket(b, 'bob', [c.topic('general')]);
    const ann = await socket(a, 'ann', []);
    const reply = await send(ann, 'an innocent message');
    expect(reply.error).toBeUndefined();
    const id = (await eventually(() => chatOn(bob).find((d) => d.body === 'an innocent message'))).id;
    const annApi = await apiAs(a.url, 'ann');
    const path = `/api/v1/channels/${c.channels.general}/messages/${id}`;

    const blocked = await annApi('PATCH', path, { body: 'free nitro inside' });
    expect(blocked.status).toBe(422);
    expect(blocked.body['error']).toMatchObject({ code: 'automod_blocked', message: 'No scams.' });
    expect((await stored()).find((m) => m.id === id)?.body).toBe('an innocent message');

    expect((await annApi('PATCH', path, { body: 'call 555 1234' })).status).toBe(200);
    const hidden = dataOf<{ id: string }>(await event(bob, 'message.hidden'));
    expect(hidden.id).toBe(id);
    expect(JSON.stringify(bob.frames)).not.toContain('555 1234');
    await caseOf(mod, c, id);
    // A held message cannot be edited: the edit would announce its text.
    expect((await annApi('PATCH', path, { body: 'harmless now' })).status).toBe(409);
  });

  it('never checks administrators', async () => {
    await rules({ name: 'all', kind: 'regex', patterns: ['.'], actions: [{ type: 'block' }] });
    const ownerSocket = await socket(a, 'owner', []);
    const ann = await socket(a, 'ann', []);
    expect((await send(ownerSocket, 'announcement')).error).toBeUndefined();
    expect((await send(ann, 'hello')).error).toMatchObject({ code: 'automod_blocked' });
    await rules();
    expect((await send(ann, 'hello again')).error).toBeUndefined();
  });
  it('holds messages caught by a level per category; levels are set apart from the rules and previewed', async () => {
    await rules({ name: 'scam', kind: 'keyword', keywords: ['free nitro'], actions: [{ type: 'block' }] });
    const path = `/api/v1/communities/${c.id}/moderation/levels`;
    expect((await mod('PUT', path, { levels: { profanity: 4 } })).status).toBe(403);
    expect((await owner('PUT', path, { levels: { profanity: 5 } })).status).toBe(400);
    expect((await owner('PUT', path, { levels: { violence: 1 } })).status).toBe(400);
    const levelsHeard = invalidationOn(b, c.id);
    const set = await owner('PUT', path, { levels: { profanity: 4, aggression: 1 } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const settings = await mod('GET', `/api/v1/communities/${c.id}/moderation/settings`);
    expect(settings.body['automod']).toMatchObject({
      rules: [{ name: 'scam' }],
      levels: { identity: 0, sexual: 0, aggression: 1, profanity: 4, spam: 0 },
      levelActions: [{ type: 'hide' }],
    });
    // The preview evaluates against the stored settings and stores nothing.
    const preview = await mod('POST', `/api/v1/communities/${c.id}/moderation/automod/check`, {
      body: 'oh shit',
    });
    expect(preview.body).toMatchObject({
      verdict: 'hide',
      reasons: [{ rule: 'level:profanity', kind: 'category' }],
    });
    expect((await stored()).some((m) => m.body === 'oh shit')).toBe(false);
    await levelsHeard;

    const bob = await socket(a, 'bob', [c.topic('general')]);
    const ann = await socket(b, 'ann', []);
    expect((await send(ann, 'oh sh-i-t, the Dickens reading is today')).error).toBeUndefined();
    const hidden = dataOf<{ kind: string; id: string; by: string }>(await event(bob, 'message.hidden'));
    expect(hidden.by).toBe('automod');
    // Innocent words with listed letters pass at the strictest level.
    expect((await send(ann, 'Moby Dick at the Scunthorpe library')).error).toBeUndefined();
    await eventually(() => chatOn(bob).find((d) => d.body?.startsWith('Moby Dick')));
    await rules();
  });
});
