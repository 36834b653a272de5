// The file-type rule: uploads are checked by type (one type, or a `family/*`), by checkFile only,
// with the rule's exemptions; messages never meet it, and it takes no hide action.
import { describe, expect, it } from 'vitest';
import { AutoMod } from './engine.js';
import { parseAutoModConfig } from './rules.js';

const where = { authorId: 'ann', channelId: 'general' };
const member = { roleIds: ['member'] };
const block = [{ type: 'block' as const, reason: 'No archives or videos.' }];

describe('file_types rules', () => {
  const automod = new AutoMod(
    {
      rules: [
        {
          name: 'no archives or videos',
          kind: 'file_types',
          types: ['Application/ZIP', 'video/*'],
          actions: block,
          exemptRoleIds: ['trusted'],
          exemptChannelIds: ['files'],
        },
        // Flood counts messages: an upload checked must not count as one.
        { name: 'flood', kind: 'flood', maxMessages: 1, windowMs: 60_000, actions: [{ type: 'hide' }] },
      ],
    },
    { clock: () => 5_000 },
  );

  it('blocks a listed type and a type of a listed family, with the reason and what was found', () => {
    const zip = automod.checkFile({ contentType: 'application/zip', name: 'a.zip' }, where, member);
    expect(zip).toMatchObject({ verdict: 'block', blockReason: 'No archives or videos.' });
    expect(zip.reasons).toEqual([
      { rule: 'no archives or videos', kind: 'file_types', detail: 'file type "application/zip" ("a.zip")' },
    ]);
    expect(automod.checkFile({ contentType: 'video/mp4', name: 'a.mp4' }, where, member).verdict).toBe(
      'block',
    );
  });

  it('lets other types, exempt roles and exempt channels through', () => {
    for (const contentType of ['application/pdf', 'image/png', 'text/plain'])
      expect(automod.checkFile({ contentType, name: 'x' }, where, member).verdict).toBe('allow');
    const zip = { contentType: 'application/zip', name: 'a.zip' };
    expect(automod.checkFile(zip, where, { roleIds: ['member', 'trusted'] }).verdict).toBe('allow');
    expect(automod.checkFile(zip, { ...where, channelId: 'files' }, member).verdict).toBe('allow');
  });

  it('is not applied to messages, and uploads are not counted as messages by other rules', () => {
    for (let i = 0; i < 3; i++)
      automod.checkFile({ contentType: 'image/png', name: 'p.png' }, { ...where, authorId: 'bob' }, member);
    expect(automod.check({ body: 'first', authorId: 'bob', channelId: 'general' }, member).verdict).toBe(
      'allow',
    );
    expect(automod.check({ body: 'a.zip video/mp4', ...where }, member).reasons).toEqual([]);
  });

  it('refuses a hide action and a malformed type at configuration time', () => {
    const rule = { name: 'r', kind: 'file_types', types: ['application/zip'] };
    expect(() => parseAutoModConfig({ rules: [{ ...rule, actions: [{ type: 'hide' }] }] })).toThrow(/hide/);
    expect(() => parseAutoModConfig({ rules: [{ ...rule, types: ['zip'], actions: block }] })).toThrow(
      /application\/zip/,
    );
  });
});
