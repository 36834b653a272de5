// An SVG chart of a run, written by hand (no plotting dependency): delivered/s at the hold,
// p99 at the common fixed load, and server CPU per million deliveries, one bar per system
// with its min–max range; and Hubbub's delivered/s and p99 through the overload phase.
import type { BenchOptions } from './options.js';
import { spreadsOf, type SystemResult } from './figures.js';
import type { Spread } from './stats.js';
import type { SystemKey } from './systems.js';

const COLORS: Record<SystemKey, string> = {
  uwsRaw1: '#9aa5b1',
  uwsRaw2: '#52606d',
  socketio2: '#e0a030',
  centrifugo: '#27ae60',
  hubbub: '#2f80ed',
  hubbubCluster: '#9b51e0',
};
const W = 760;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const short = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : `${+n.toFixed(2)}`;

function bars(
  title: string,
  y: number,
  items: { key: SystemKey; label: string; s: Spread }[],
): { svg: string; height: number } {
  const rowH = 22;
  const left = 250;
  const width = W - left - 90;
  const max = Math.max(...items.map((i) => (Number.isFinite(i.s.max) ? i.s.max : 0)), 1e-9);
  const x = (v: number) => left + (Number.isFinite(v) ? (v / max) * width : 0);
  const rows = items.map((item, i) => {
    const top = y + 24 + i * rowH;
    const { median, min, max: hi } = item.s;
    const whisker =
      item.s.n > 1
        ? `<line x1="${x(min)}" x2="${x(hi)}" y1="${top + 8}" y2="${top + 8}" stroke="#111" stroke-width="1.5"/>`
        : '';
    return `<text x="${left - 8}" y="${top + 12}" text-anchor="end">${esc(item.label)}</text>
<rect x="${left}" y="${top + 2}" width="${Math.max(0, x(median) - left)}" height="${rowH - 8}" fill="${COLORS[item.key]}"/>${whisker}
<text x="${x(Math.max(median, Number.isFinite(hi) ? hi : 0)) + 6}" y="${top + 12}">${Number.isFinite(median) ? short(median) : 'n/a'}</text>`;
  });
  return {
    svg: `<text x="10" y="${y + 14}" font-weight="bold">${esc(title)}</text>\n${rows.join('\n')}`,
    height: 24 + items.length * rowH + 16,
  };
}

function overloadPanel(r: SystemResult, y: number): { svg: string; height: number } {
  const series = r.overload?.series ?? [];
  if (series.length < 2 || !r.overload) return { svg: '', height: 0 };
  const h = 150;
  const left = 60;
  const width = W - left - 60;
  const t0 = series[0]?.t ?? 0;
  const t1 = series[series.length - 1]?.t ?? 1;
  const maxD = Math.max(...series.map((s) => s.deliveredPerSec), 1);
  const maxP = Math.max(...series.map((s) => (Number.isFinite(s.p99Ms) ? s.p99Ms : 0)), 1);
  const px = (t: number) => left + ((t - t0) / (t1 - t0 || 1)) * width;
  const line = (pick: (s: (typeof series)[number]) => number, max: number) =>
    series
      .map((s, i) => `${i ? 'L' : 'M'}${px(s.t).toFixed(1)},${(y + 24 + h - (pick(s) / max) * h).toFixed(1)}`)
      .join(' ');
  const band = `<rect x="${px(0)}" y="${y + 24}" width="${px(10) - px(0)}" height="${h}" fill="#fde2e2"/>`;
  return {
    svg: `<text x="10" y="${y + 14}" font-weight="bold">Hubbub overload: 1.5× saturation for 10 s (shaded), then half — delivered/s (blue, max ${short(maxD)}) and p99 ms (red, max ${short(maxP)}), per 500 ms</text>
${band}
<path d="${line((s) => s.deliveredPerSec, maxD)}" fill="none" stroke="${COLORS.hubbub}" stroke-width="2"/>
<path d="${line((s) => (Number.isFinite(s.p99Ms) ? s.p99Ms : 0), maxP)}" fill="none" stroke="#d64545" stroke-width="1.5"/>
<line x1="${left}" x2="${left + width}" y1="${y + 24 + h}" y2="${y + 24 + h}" stroke="#888"/>
<text x="${left}" y="${y + 24 + h + 14}">${t0.toFixed(0)} s</text><text x="${left + width}" y="${y + 24 + h + 14}" text-anchor="end">${t1.toFixed(0)} s</text>`,
    height: h + 50,
  };
}

export function chartSvg(results: Partial<Record<SystemKey, SystemResult>>, o: BenchOptions): string {
  const entries = Object.entries(results) as [SystemKey, SystemResult][];
  const items = (pick: (s: ReturnType<typeof spreadsOf>) => Spread) =>
    entries.map(([key, r]) => ({ key, label: r.label, s: pick(spreadsOf(r)) }));
  const panels = [
    [
      'Delivered messages per second at the saturation hold (higher is better)',
      items((s) => s.deliveredPerSec),
    ],
    [`p99 publish-to-deliver ms at ${o.fixedRate} publishes/s (lower is better)`, items((s) => s.p99Ms)],
    ['Server CPU seconds per million deliveries (lower is better)', items((s) => s.cpuSecPerMDeliveries)],
  ] as const;
  let y = 10;
  const parts: string[] = [];
  for (const [title, list] of panels) {
    const p = bars(title, y, [...list]);
    parts.push(p.svg);
    y += p.height;
  }
  if (results.hubbub) {
    const p = overloadPanel(results.hubbub, y);
    parts.push(p.svg);
    y += p.height;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 10}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
${parts.join('\n')}
</svg>
`;
}
