// Translation and formatting for one locale: strings from the catalogues, dates, times and
// numbers through Intl. Unknown locales fall back to English by their language, then to `en`.
// Plurals follow ICU's form, `{count, plural, one {# vote} other {# votes}}` (`=0` too), chosen
// with Intl.PluralRules, so each language has its own forms.
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

/** Copies: a widget's own strings are added to them (addStrings). */
const CATALOGUES: Record<string, Record<string, string>> = { en: { ...en }, fr: { ...fr } };

/**
 * Adds a widget's own strings (e.g. ./live.ts, the live session's), which the shared catalogue
 * leaves out so the other widgets do not download them. Called when that widget's module loads,
 * before any of its elements exists.
 */
export function addStrings(byLocale: { en: Record<string, string>; fr: Record<string, string> }): void {
  Object.assign(CATALOGUES['en'] ?? {}, byLocale.en);
  Object.assign(CATALOGUES['fr'] ?? {}, byLocale.fr);
}

export const SUPPORTED_LOCALES = Object.keys(CATALOGUES);

export class I18n {
  readonly locale: string;
  private readonly strings: Record<string, string>;
  private readonly numbers: Intl.NumberFormat;
  private readonly times: Intl.DateTimeFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly stamps: Intl.DateTimeFormat;
  private readonly plurals: Intl.PluralRules;

  constructor(locale?: string | null) {
    const wanted = locale || (typeof navigator === 'undefined' ? 'en' : navigator.language) || 'en';
    const language = wanted.toLowerCase().split('-')[0] ?? 'en';
    this.strings = CATALOGUES[language] ?? CATALOGUES['en'] ?? en;
    this.locale = CATALOGUES[language] ? wanted : 'en';
    this.numbers = new Intl.NumberFormat(this.locale);
    this.times = new Intl.DateTimeFormat(this.locale, { hour: 'numeric', minute: '2-digit' });
    this.dates = new Intl.DateTimeFormat(this.locale, { weekday: 'long', month: 'long', day: 'numeric' });
    this.stamps = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    this.plurals = new Intl.PluralRules(this.locale);
  }

  /** The string for `key`, with `{name}` placeholders filled; numbers are formatted. */
  t(key: MessageKey, values: Record<string, string | number> = {}): string {
    // A key of strings not added (addStrings) shows as itself.
    const chosen = (this.strings[key] ?? key).replace(PLURAL, (whole, name: string, forms: string) => {
      const value = values[name];
      if (typeof value !== 'number') return whole;
      const options = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1], m[2] ?? '']));
      const form =
        options.get(`=${value}`) ?? options.get(this.plurals.select(value)) ?? options.get('other');
      return (form ?? whole).replaceAll('#', this.numbers.format(value));
    });
    return chosen.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.numbers.format(value) : value;
    });
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  /**
   * A wait in words, rounded up to the unit people count in: seconds under a minute and a half,
   * then minutes, hours, days ("12 seconds", "5 minutes", "2 hours").
   */
  duration(ms: number): string {
    const s = Math.max(1, Math.ceil(ms / 1000));
    const [unit, n] =
      s < 90
        ? (['second', s] as const)
        : s < 90 * 60
          ? (['minute', Math.ceil(s / 60)] as const)
          : s < 48 * 3600
            ? (['hour', Math.ceil(s / 3600)] as const)
            : (['day', Math.ceil(s / 86_400)] as const);
    return new Intl.NumberFormat(this.locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
  }

  time(ms: number): string {
    return this.times.format(ms);
  }

  /** A full timestamp, for a `title` or a datetime label. */
  stamp(ms: number): string {
    return this.stamps.format(ms);
  }

  /** "Today", "Yesterday" or the date, for a day separator. */
  day(ms: number, now = Date.now()): string {
    const startOf = (t: number) => new Date(t).setHours(0, 0, 0, 0);
    const days = Math.round((startOf(now) - startOf(ms)) / 86_400_000);
    if (days === 0) return this.t('chat.today');
    if (days === 1) return this.t('chat.yesterday');
    return this.dates.format(ms);
  }
}

/** `{name, plural, one {…} other {…}}`: the forms are flat text with `#` for the number. */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** The local calendar day of a time, as a key to compare messages by day. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}
