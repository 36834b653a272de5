// The pure parts of <hub-inbox>: `/` shortcuts of canned responses in the composer, SLA
// countdowns, search over the list, and keeping the list current as conversations change.
import type { ApiCannedResponse, ApiSupportConversation, InboxFilters } from '../shared/support-api.js';

/** A `/word` being typed at the caret: where it starts and the word after the slash. */
export interface Shortcut {
  start: number;
  end: number;
  query: string;
}

/** The `/shortcut` that ends at the caret, at the start of the text or after a space. */
export function shortcutAt(text: string, caret: number): Shortcut | undefined {
  const before = text.slice(0, caret);
  const m = /(^|\s)\/([\w-]{0,50})$/.exec(before);
  if (!m) return undefined;
  const query = m[2] ?? '';
  return { start: caret - query.length - 1, end: caret, query };
}

/** Canned responses whose short code starts with the query, then those that contain it. */
export function matchCanned(items: ApiCannedResponse[], query: string, limit = 8): ApiCannedResponse[] {
  const q = query.toLowerCase();
  const starts = items.filter((c) => c.shortCode.toLowerCase().startsWith(q));
  const contains = items.filter((c) => !starts.includes(c) && c.shortCode.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

/** The text with the shortcut replaced by the canned response, and the caret after it. */
export function applyCanned(text: string, at: Shortcut, content: string): { text: string; caret: number } {
  const next = text.slice(0, at.start) + content + text.slice(at.end);
  return { text: next, caret: at.start + content.length };
}

export const SLA_TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export interface SlaClock {
  target: SlaTarget;
  dueAt: number;
  /** Milliseconds left; negative once overdue. */
  leftMs: number;
  stage: 'ok' | 'warning' | 'overdue';
}

/** The running SLA clocks of a conversation, soonest first; `warning` in their last 15 minutes. */
export function slaClocks(c: ApiSupportConversation, now: number): SlaClock[] {
  // A resolved conversation owes nothing, whatever response clock its record still holds.
  if (c.status === 'resolved') return [];
  const due: Record<SlaTarget, string | null> = {
    firstResponse: c.sla.firstResponseDueAt,
    nextResponse: c.sla.nextResponseDueAt,
    resolution: c.sla.resolutionDueAt,
  };
  return SLA_TARGETS.flatMap((target) => {
    const at = due[target] ? Date.parse(due[target]) : NaN;
    if (Number.isNaN(at)) return [];
    const leftMs = at - now;
    const stage = leftMs < 0 ? 'overdue' : leftMs < 15 * 60_000 ? 'warning' : 'ok';
    return [{ target, dueAt: at, leftMs, stage } as SlaClock];
  }).sort((a, b) => a.dueAt - b.dueAt);
}

/** `1:05:09`, `4:09`, `3d 4:00:00`: a duration for a countdown (its absolute value). */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = h > 0 || days > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** Search over subject, labels and id, every word must match (case-insensitive). */
export function matchesSearch(c: ApiSupportConversation, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${c.subject} ${c.labels.join(' ')} ${c.id}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Whether a conversation belongs in the list under these filters (as the server filters). */
export function inFilters(c: ApiSupportConversation, f: InboxFilters): boolean {
  if (f.status && f.status !== 'all' && c.status !== f.status) return false;
  if (f.view === 'mine' && f.agentId && c.assigneeId !== f.agentId) return false;
  if (f.view === 'unassigned' && c.assigneeId !== null) return false;
  if (f.label && !c.labels.includes(f.label)) return false;
  return true;
}

/** Labels as typed ("billing, VIP urgent"): lower case, de-duplicated, in the API's alphabet. */
export function parseLabels(text: string): string[] {
  const labels = text
    .toLowerCase()
    .split(/[\s,]+/)
    .map((l) => l.replace(/[^a-z0-9_-]/g, ''))
    .filter((l) => l.length > 0 && l.length <= 50);
  return [...new Set(labels)];
}

/** Snooze presets: hours from now. */
export const SNOOZE_HOURS = [1, 4, 24, 168] as const;
