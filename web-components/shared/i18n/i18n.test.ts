import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fr } from './fr.js';
import { I18n, SUPPORTED_LOCALES } from './i18n.js';
import { liveEn } from './live.en.js';
import { liveFr } from './live.fr.js';
import './live.js';

describe('I18n', () => {
  it('has the same placeholders in every catalogue', () => {
    // `{name}` and `{name, plural, …}` alike.
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
    for (const key of Object.keys(liveEn) as (keyof typeof liveEn)[]) {
      expect(placeholders(liveFr[key]), key).toEqual(placeholders(liveEn[key]));
    }
    expect(SUPPORTED_LOCALES).toEqual(['en', 'fr']);
  });

  it('fills placeholders, formats numbers by locale, and falls back to English', () => {
    expect(new I18n('en').t('chat.unread', { count: 1200 })).toBe('1,200 unread');
    expect(new I18n('fr-FR').t('chat.unread', { count: 1200 })).toBe('1\u202f200 non lus');
    const unknown = new I18n('xx');
    expect(unknown.locale).toBe('en');
    expect(unknown.t('chat.send')).toBe('Send');
  });

  it("chooses plural forms by the locale's rules (French counts 0 and 1 as one)", () => {
    const en = new I18n('en');
    expect(en.t('live.votes', { count: 1, percent: 50 })).toBe('1 vote (50%)');
    expect(en.t('live.votes', { count: 0, percent: 0 })).toBe('0 votes (0%)');
    expect(en.t('mod.historyLine', { total: 1, removed: 0, banned: 2 })).toBe('1 case, 0 removed, 2 bans');
    expect(en.t('chat.newMessagesCount', { count: 1_200 })).toBe('1,200 new messages');
    const fr = new I18n('fr');
    expect(fr.t('chat.unread', { count: 0 })).toBe('0 non lu');
    expect(fr.t('chat.unread', { count: 2 })).toBe('2 non lus');
  });

  it('says a wait in the unit people count in, rounded up', () => {
    const en = new I18n('en');
    expect(en.duration(1)).toBe('1 second');
    expect(en.duration(12_300)).toBe('13 seconds');
    expect(en.duration(5 * 60_000 - 10)).toBe('5 minutes');
    expect(en.duration(3 * 3_600_000)).toBe('3 hours');
    expect(en.duration(7 * 86_400_000)).toBe('7 days');
    expect(new I18n('fr').duration(30_000)).toBe('30\u00a0secondes');
  });

  it('names days relative to now', () => {
    const i18n = new I18n('en');
    const now = new Date(2026, 10, 22, 15).getTime();
    expect(i18n.day(now - 60_000, now)).toBe('Today');
    expect(i18n.day(now - 86_400_000, now)).toBe('Yesterday');
    expect(i18n.day(new Date(2026, 10, 2, 9).getTime(), now)).toBe('Monday, November 2');
  });
});
