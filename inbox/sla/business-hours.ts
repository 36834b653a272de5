// Business hours for SLA clocks: "mon-fri 09:00-17:00" or several rules separated by commas
// ("mon-fri 09:00-17:00, sat 10:00-14:00"), in an IANA time zone. An empty text means around
// the clock. Clocks only run inside the hours: a target of 4 h set at Friday 16:00 falls due on
// Monday at 12:00. Local times are read with Intl, so daylight saving time is honoured at every
// step (a window that a DST change shortens is shortened).

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface BusinessHours {
  /** Per weekday (0 = Sunday): open windows in minutes of the local day, [start, end). */
  windows: [number, number][][];
  timeZone: string;
  alwaysOpen: boolean;
}

export function parseBusinessHours(text: string, timeZone = 'UTC'): BusinessHours {
  new Intl.DateTimeFormat('en-US', { timeZone }); // throws RangeError on an unknown zone
  const windows: [number, number][][] = DAYS.map(() => []);
  const trimmed = text.trim();
  if (trimmed === '') return { windows, timeZone, alwaysOpen: true };
  for (const rule of trimmed.split(',')) {
    const m = /^\s*([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})\s*$/i.exec(rule);
    if (!m) throw new Error(`inbox: business hours rule '${rule.trim()}' is not like 'mon-fri 09:00-17:00'`);
    const from = DAYS.indexOf(m[1]?.toLowerCase() as (typeof DAYS)[number]);
    const to = m[2] ? DAYS.indexOf(m[2].toLowerCase() as (typeof DAYS)[number]) : from;
    const start = Number(m[3]) * 60 + Number(m[4]);
    const end = Number(m[5]) * 60 + Number(m[6]);
    if (from < 0 || to < 0 || start >= end || end > 24 * 60)
      throw new Error(`inbox: business hours rule '${rule.trim()}' is out of range`);
    for (let d = from; ; d = (d + 1) % 7) {
      windows[d]?.push([start, end]);
      if (d === to) break;
    }
  }
  for (const day of windows) day.sort((a, b) => a[0] - b[0]);
  return { windows, timeZone, alwaysOpen: false };
}

function localClock(at: Date, timeZone: string): { day: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  const day = DAYS.indexOf(get('weekday').toLowerCase().slice(0, 3) as (typeof DAYS)[number]);
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')), second: Number(get('second')) };
}

/** The instant when `durationMs` of business time has passed since `start`. */
export function addBusinessTime(start: Date, durationMs: number, hours: BusinessHours): Date {
  if (hours.alwaysOpen) return new Date(start.getTime() + durationMs);
  if (!hours.windows.some((w) => w.length > 0)) throw new Error('inbox: business hours have no open window');
  let t = start.getTime();
  let left = durationMs;
  for (let guard = 0; guard < 10_000; guard++) {
    const { day, minute, second } = localClock(new Date(t), hours.timeZone);
    const intoMinuteMs = second * 1000 + (t % 1000);
    const current = (hours.windows[day] ?? []).find(([s, e]) => minute >= s && minute < e);
    if (current) {
      const untilCloseMs = (current[1] - minute) * 60_000 - intoMinuteMs;
      if (left <= untilCloseMs) return new Date(t + left);
      left -= untilCloseMs;
      t += untilCloseMs;
      continue;
    }
    // Closed: jump to the next opening, today or on a following day.
    const next = (hours.windows[day] ?? []).find(([s]) => s > minute);
    if (next) {
      t += (next[0] - minute) * 60_000 - intoMinuteMs;
      continue;
    }
    t += (24 * 60 - minute) * 60_000 - intoMinuteMs; // to local midnight
  }
  throw new Error('inbox: business hours computation did not converge');
}
