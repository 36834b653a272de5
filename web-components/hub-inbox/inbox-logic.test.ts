import { describe, expect, it } from 'vitest';
import type { ApiSupportConversation } from '../shared/support-api.js';
import {
  applyCanned,
  formatDuration,
  inFilters,
  matchCanned,
  matchesSearch,
  parseLabels,
  shortcutAt,
  slaClocks,
} from './inbox-logic.js';

const conversation = (over: Partial<ApiSupportConversation> = {}): ApiSupportConversation => ({
  id: '65a0c0ffee00000000000001',
  subject: 'Payout missing',
  status: 'open',
  priority: 'none',
  assigneeId: null,
  teamId: null,
  labels: ['billing'],
  communityId: null,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  firstResponseAt: null,
  resolvedAt: null,
  breaches: [],
  sla: { firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null },
  ...over,
});

describe('hub-inbox logic', () => {
  it('finds a / shortcut at the caret only at a word start', () => {
    expect(shortcutAt('/hel', 4)).toEqual({ start: 0, end: 4, query: 'hel' });
    expect(shortcutAt('Hi /', 4)).toEqual({ start: 3, end: 4, query: '' });
    expect(shortcutAt('and/or', 6)).toBeUndefined();
    expect(shortcutAt('/hello there', 12)).toBeUndefined();
  });

  it('matches canned responses by prefix first and replaces the shortcut', () => {
    const items = [
      { id: 1, shortCode: 'thanks', content: 'Thank you!' },
      { id: 2, shortCode: 'hello', content: 'Hello! How can we help?' },
      { id: 3, shortCode: 'othello', content: 'x' },
    ];
    expect(matchCanned(items, 'hel').map((c) => c.id)).toEqual([2, 3]);
    expect(matchCanned(items, '').map((c) => c.id)).toEqual([1, 2, 3]);
    const at = shortcutAt('Hi /hel', 7);
    expect(at && applyCanned('Hi /hel', at, 'Hello!')).toEqual({ text: 'Hi Hello!', caret: 9 });
  });

  it('lists running SLA clocks soonest first with their stage', () => {
    const now = Date.parse('2026-11-22T12:00:00.000Z');
    const clocks = slaClocks(
      conversation({
        sla: {
          firstResponseDueAt: '2026-11-22T12:10:00.000Z',
          nextResponseDueAt: null,
          resolutionDueAt: '2026-11-22T11:00:00.000Z',
        },
      }),
      now,
    );
    expect(clocks.map((c) => [c.target, c.stage])).toEqual([
      ['resolution', 'overdue'],
      ['firstResponse', 'warning'],
    ]);
    const due = {
      firstResponseDueAt: null,
      nextResponseDueAt: '2026-11-23T12:00:00.000Z',
      resolutionDueAt: null,
    };
    expect(slaClocks(conversation({ status: 'resolved', sla: due }), now)).toEqual([]);
    expect(slaClocks(conversation({ sla: due }), now).map((c) => c.stage)).toEqual(['ok']);
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(-3_723_000)).toBe('1:02:03');
    expect(formatDuration(90_000_000)).toBe('1d 1:00:00');
  });

  it('filters and searches the list as the server does', () => {
    const c = conversation({ assigneeId: 3 });
    expect(inFilters(c, { view: 'mine', agentId: 3 })).toBe(true);
    expect(inFilters(c, { view: 'unassigned' })).toBe(false);
    expect(inFilters(c, { view: 'all', status: 'resolved' })).toBe(false);
    expect(inFilters(c, { view: 'all', label: 'billing' })).toBe(true);
    expect(matchesSearch(c, 'payout BILLING')).toBe(true);
    expect(matchesSearch(c, 'refund')).toBe(false);
    expect(parseLabels('Billing, vip  vip urgent!')).toEqual(['billing', 'vip', 'urgent']);
  });
});
