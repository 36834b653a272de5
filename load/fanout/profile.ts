// Self time per function and per area of a V8 CPU profile (the .cpuprofile JSON that
// `node --cpu-prof` writes): each sample's time delta is charged to the node it hit.

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
}

const ROOT = `file://${process.cwd()}/`;

/** The area of a script URL: a package, one of our folders, Node's internals, or a V8 pseudo-node. */
export function areaOf(url: string, functionName: string, root = ROOT): string {
  if (!url) return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm ${pkg[1]}`;
  return url.startsWith(root) ? `${url.slice(root.length).split('/')[0]}/` : url;
}

/** Self times; `windowS` keeps the samples from..to seconds after the profile started. */
export function selfTimes(
  profile: CpuProfile,
  root = ROOT,
  windowS?: [number, number],
): { totalMs: number; functions: SelfTime[]; areas: { name: string; ms: number }[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fns = new Map<string, SelfTime>();
  const areas = new Map<string, number>();
  let totalUs = 0;
  let atUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    atUs += us;
    const node = byId.get(id);
    if (!node || (windowS && (atUs < windowS[0] * 1e6 || atUs > windowS[1] * 1e6))) return;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = url ? `${url.startsWith(root) ? url.slice(root.length) : url}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = fns.get(key) ?? { name, where, ms: 0 };
    entry.ms += us / 1000;
    fns.set(key, entry);
    const area = areaOf(url, name, root);
    areas.set(area, (areas.get(area) ?? 0) + us / 1000);
  });
  return {
    totalMs: totalUs / 1000,
    functions: [...fns.values()].sort((a, b) => b.ms - a.ms),
    areas: [...areas].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms),
  };
}
