import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fr } from './fr.js';
import { I18n, SUPPORTED_LOCALES } from './i18n.js';

describe('I18n', () => {
  it('has the same placeholders in every catalogue', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
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

  it('names days relative to now', () => {
    const i18n = new I18n('en');
    const now = new Date(2026, 10, 22, 15).getTime();
    expect(i18n.day(now - 60_000, now)).toBe('Today');
    expect(i18n.day(now - 86_400_000, now)).toBe('Yesterday');
    expect(i18n.day(new Date(2026, 10, 2, 9).getTime(), now)).toBe('Monday, November 2');
  });
});
