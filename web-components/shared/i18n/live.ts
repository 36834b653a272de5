// Adds the live session's strings (live.en.ts, live.fr.ts) to I18n. Imported by
// <hub-live-session> (and its tests) only, so no other widget downloads them.
import { addStrings } from './i18n.js';
import { liveEn } from './live.en.js';
import { liveFr } from './live.fr.js';

addStrings({ en: liveEn, fr: liveFr });
