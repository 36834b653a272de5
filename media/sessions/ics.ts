// One live session as an iCalendar (RFC 5545) VEVENT: text escaped (§3.3.11), lines folded at
// 75 octets (§3.1), CRLF line ends, UTC times. A cancelled session says STATUS:CANCELLED, and
// each change raises SEQUENCE (from updatedAt), so calendars replace the copy they hold.

export interface IcsEvent {
  uid: string;
  title: string;
  description: string;
  startsAt: Date;
  durationMin: number;
  url: string;
  cancelled: boolean;
  updatedAt: Date;
  organizer: string;
}

export function toIcs(event: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hubbub//Live sessions//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsTime(event.updatedAt)}`,
    `SEQUENCE:${Math.floor(event.updatedAt.getTime() / 1000)}`,
    `DTSTART:${icsTime(event.startsAt)}`,
    `DTEND:${icsTime(new Date(event.startsAt.getTime() + event.durationMin * 60_000))}`,
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    `ORGANIZER;CN=${escapeParam(event.organizer)}:mailto:noreply@hubbub.invalid`,
    `URL:${event.url}`,
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function icsTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A parameter value: quoted, without the characters a quoted value may not hold. */
function escapeParam(text: string): string {
  return `"${text.replace(/["\r\n]/g, '')}"`;
}

/** Folds a line at 75 octets without splitting a UTF-8 character. */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
