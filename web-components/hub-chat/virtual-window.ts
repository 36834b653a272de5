// Windowing of a message list (<hub-chat>'s channel and thread lists): only the rows in and near
// the viewport are in the DOM, whatever the number of messages held. Rows (messages, day
// separators, the "new messages" divider) keep their measured heights; rows never measured count
// at the average. Skipped runs of rows become spacers of their summed height, so the scroll
// height stays right and rendered rows lie in normal flow.
//
// Scroll anchoring is explicit (CSS `overflow-anchor` is off on the scroller): before each update
// the first visible row and its distance from the viewport's top are noted, the window is laid
// out around that row, and after the update the scroller is moved so the row is where it was —
// earlier pages prepended, rows re-measured or new messages appended leave the view still. A list
// scrolled to its bottom stays at the bottom instead.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface WindowRow {
  key: string;
  kind: 'message' | 'separator';
}

/** What to render: a row (by index), or a spacer standing for a run of skipped rows. */
export type WindowSlot = { index: number } | { gap: number; key: string };

/** Within this many pixels of the end, a list counts as scrolled to the bottom. */
const AT_BOTTOM_PX = 40;
/** Earlier history is loaded when the viewport comes this close to the top. */
const NEAR_TOP_PX = 400;
/** Rows rendered beyond each edge of the viewport, in pixels (at least). */
const MIN_OVERSCAN_PX = 400;
/** A hard bound on rendered rows, whatever the heights say. */
export const MAX_RENDERED_ROWS = 120;
const MESSAGE_ESTIMATE_PX = 56;
const SEPARATOR_ESTIMATE_PX = 34;

/**
 * The slots to render for rows of the given heights when the viewport spans
 * [viewTop, viewTop + viewHeight) of the rows' own coordinates: the rows within `overscan` of it,
 * at most `maxRows`, plus the `pinned` rows (focused, being edited) wherever they are.
 */
export function windowSlots(
  heights: readonly number[],
  viewTop: number,
  viewHeight: number,
  overscan: number,
  pinned: readonly number[] = [],
  maxRows = MAX_RENDERED_ROWS,
): WindowSlot[] {
  const n = heights.length;
  if (n === 0) return [];
  const top = viewTop - overscan;
  const bottom = viewTop + viewHeight + overscan;
  let y = 0;
  let start = 0;
  while (start < n - 1 && y + (heights[start] ?? 0) <= top) y += heights[start++] ?? 0;
  let end = start;
  while (end < n && (end === start || y < bottom)) y += heights[end++] ?? 0;
  if (end - start > maxRows) {
    // Keep the rows around the viewport's top (or the end, when the view is past it).
    let first = start;
    let at = 0;
    for (let i = 0; i < start; i++) at += heights[i] ?? 0;
    while (first < end - maxRows && at + (heights[first] ?? 0) <= viewTop) at += heights[first++] ?? 0;
    start = Math.max(start, Math.min(first - Math.floor(maxRows / 4), end - maxRows));
    end = start + maxRows;
  }
  const shown = new Set<number>();
  for (let i = start; i < end; i++) shown.add(i);
  for (const p of pinned) if (p >= 0 && p < n) shown.add(p);
  const indices = [...shown].sort((a, b) => a - b);
  const slots: WindowSlot[] = [];
  let next = 0;
  for (const index of indices) {
    if (index > next) slots.push(gap(heights, next, index));
    slots.push({ index });
    next = index + 1;
  }
  if (next < n) slots.push(gap(heights, next, n));
  return slots;
}

function gap(heights: readonly number[], from: number, to: number): WindowSlot {
  let sum = 0;
  for (let i = from; i < to; i++) sum += heights[i] ?? 0;
  return { gap: sum, key: `gap-${String(from)}-${String(to)}` };
}

export interface WindowEvents {
  /** The viewport came near the top of what is loaded. */
  nearTop(): void;
  /** The member scrolled; `atBottom` says whether the list now shows its end. */
  scrolled(atBottom: boolean): void;
}

/** One windowed list, found in the host's shadow root by the selector of its scroller. */
export class MessageWindow implements ReactiveController {
  /** Whether the list shows its end, and keeps showing it as messages arrive. */
  atBottom = true;
  private readonly heights = new Map<string, number>();
  private rows: readonly WindowRow[] = [];
  /** Rows kept rendered wherever they are (the focused message, the one being edited). */
  private pinned: readonly (string | undefined)[] = [];
  private anchor: { key: string; delta: number } | undefined;
  private scroller: HTMLElement | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private viewHeight = 0;
  private rowsTop = 0;
  private lastLayout = '';
  private relayouts = 0;
  private messageSum = 0;
  private messageCount = 0;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly selector: string,
    private readonly events: WindowEvents,
  ) {
    host.addController(this);
  }

  /** Another channel: start at its bottom, forget the old rows. */
  reset(): void {
    this.atBottom = true;
    this.anchor = undefined;
    this.heights.clear();
    this.messageSum = 0;
    this.messageCount = 0;
  }

  /** The slots to render for `rows` now (called while rendering). */
  layout(rows: readonly WindowRow[], pinnedKeys: readonly (string | undefined)[]): WindowSlot[] {
    this.rows = rows;
    this.pinned = pinnedKeys;
    const slots = this.compute();
    this.lastLayout = signature(slots);
    return slots;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.bind(undefined);
  }

  hostUpdate(): void {
    this.anchor = this.atBottom ? undefined : this.visibleAnchor();
  }

  hostUpdated(): void {
    const scroller = this.host.renderRoot.querySelector<HTMLElement>(this.selector) ?? undefined;
    if (scroller !== this.scroller) this.bind(scroller);
    if (!scroller) return;
    this.measure(scroller);
    if (this.atBottom) scroller.scrollTop = scroller.scrollHeight;
    else if (this.anchor) {
      const el = this.rowElement(scroller, this.anchor.key);
      if (el) scroller.scrollTop += topIn(scroller, el) - scroller.scrollTop - this.anchor.delta;
    }
    this.readViewport(scroller);
    // Re-measured rows may call for another window; a few passes settle it.
    if (this.relayouts < 3 && signature(this.compute()) !== this.lastLayout) {
      this.relayouts++;
      this.host.requestUpdate();
    } else this.relayouts = 0;
    this.checkNearTop(scroller);
  }

  private compute(): WindowSlot[] {
    const heights = this.rows.map((r) => this.heightOf(r));
    const pinned = this.pinned
      .filter((k): k is string => k !== undefined)
      .map((k) => this.rows.findIndex((r) => r.key === k));
    const total = heights.reduce((a, b) => a + b, 0);
    const view = Math.max(this.viewHeight, 300);
    let viewTop: number;
    if (this.atBottom || !this.scroller) viewTop = total - view;
    else {
      const at = this.anchor ? this.rows.findIndex((r) => r.key === this.anchor?.key) : -1;
      if (at >= 0 && this.anchor) {
        viewTop = -this.anchor.delta;
        for (let i = 0; i < at; i++) viewTop += heights[i] ?? 0;
      } else viewTop = this.scroller.scrollTop - this.rowsTop;
    }
    return windowSlots(heights, viewTop, view, Math.max(MIN_OVERSCAN_PX, view), pinned);
  }

  private heightOf(row: WindowRow): number {
    const known = this.heights.get(row.key);
    if (known !== undefined) return known;
    if (row.kind === 'separator') return SEPARATOR_ESTIMATE_PX;
    return this.messageCount > 0 ? this.messageSum / this.messageCount : MESSAGE_ESTIMATE_PX;
  }

  private measure(scroller: HTMLElement): void {
    for (const el of scroller.querySelectorAll<HTMLElement>('[data-row]')) {
      const key = el.dataset['row'] ?? '';
      if (key.startsWith('gap-')) continue;
      const height = el.getBoundingClientRect().height;
      const before = this.heights.get(key);
      if (before === height) continue;
      if (el.dataset['kind'] === 'message') {
        this.messageSum += height - (before ?? 0);
        if (before === undefined) this.messageCount++;
      }
      this.heights.set(key, height);
    }
  }

  /**
   * The first message in view and how far below the viewport's top it starts. Only messages:
   * a day's separator moves up when earlier messages of that day are prepended.
   */
  private visibleAnchor(): { key: string; delta: number } | undefined {
    const scroller = this.scroller;
    if (!scroller) return undefined;
    const view = scroller.getBoundingClientRect();
    for (const el of scroller.querySelectorAll<HTMLElement>('[data-kind="message"]')) {
      const key = el.dataset['row'] ?? '';
      const rect = el.getBoundingClientRect();
      if (rect.bottom > view.top && rect.top < view.bottom) return { key, delta: rect.top - view.top };
    }
    return undefined;
  }

  private rowElement(scroller: HTMLElement, key: string): HTMLElement | undefined {
    for (const el of scroller.querySelectorAll<HTMLElement>('[data-row]')) {
      if (el.dataset['row'] === key) return el;
    }
    return undefined;
  }

  private readViewport(scroller: HTMLElement): void {
    this.viewHeight = scroller.clientHeight;
    const first = scroller.querySelector<HTMLElement>('[data-row]');
    this.rowsTop = first ? topIn(scroller, first) : 0;
  }

  private checkNearTop(scroller: HTMLElement): void {
    if (scroller.scrollTop < NEAR_TOP_PX) this.events.nearTop();
  }

  private readonly onScroll = (): void => {
    const scroller = this.scroller;
    if (!scroller) return;
    this.atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < AT_BOTTOM_PX;
    this.readViewport(scroller);
    this.anchor = this.atBottom ? undefined : this.visibleAnchor();
    if (signature(this.compute()) !== this.lastLayout) this.host.requestUpdate();
    this.checkNearTop(scroller);
    this.events.scrolled(this.atBottom);
  };

  private bind(scroller: HTMLElement | undefined): void {
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.resizeObserver?.disconnect();
    this.scroller = scroller;
    if (!scroller) return;
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizeObserver ??= new ResizeObserver(() => this.host.requestUpdate());
    this.resizeObserver.observe(scroller);
  }
}

/** The top of `el` in the scroller's content coordinates. */
function topIn(scroller: HTMLElement, el: HTMLElement): number {
  return el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

function signature(slots: readonly WindowSlot[]): string {
  return slots.map((s) => ('index' in s ? s.index : `g${String(Math.round(s.gap))}`)).join(',');
}
