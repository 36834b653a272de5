// How `npm start`'s terminal shows one line of a child's output (scripts/dev-log-view.ts): the
// hub's and the worker's JSON log lines at warn and above as one readable line, lower levels
// not at all (they stay in the log files), anything that is not a JSON log line (the Chatwoot
// double's messages, a crash's stack trace) as it is.

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
/** Keys every line carries, or that the line's prefix already shows. */
const COMMON = new Set(['level', 'time', 'process', 'pid', 'env', 'node', 'worker', 'msg']);

/** The terminal line for one output line, or null to keep it to the log file. */
export function terminalLine(line: string, minLevel = 'warn'): string | null {
  if (line.trim() === '') return null;
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
    entry = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = typeof entry['level'] === 'string' ? entry['level'] : '';
  if (!(level in LEVELS)) return line;
  if ((LEVELS[level] ?? 0) < (LEVELS[minLevel] ?? LEVELS['warn'] ?? 40)) return null;
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 19) : '';
  const who = typeof entry['process'] === 'string' ? entry['process'] : '?';
  const details = Object.entries(entry)
    .filter(([key]) => !COMMON.has(key))
    .map(([key, value]) => `${key}=${detail(value)}`);
  const msg = typeof entry['msg'] === 'string' ? entry['msg'] : '';
  return `${time} ${who} ${level.toUpperCase()}: ${msg}${details.length ? ` (${details.join(', ')})` : ''}`;
}

function detail(value: unknown): string {
  if (value && typeof value === 'object' && 'message' in value && typeof value.message === 'string')
    return JSON.stringify(value.message); // an error: its message; the stack is in the log file
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
