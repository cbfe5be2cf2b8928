import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repoRoot } from './children.js';

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) that a summary needs. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  fn: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time spent in the function itself. */
  self: ProfileLine[];
  /** Time spent in the function and everything it called (each function counted once per stack). */
  inclusive: ProfileLine[];
}

function label(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.startsWith('file://') ? relative(repoRoot, new URL(frame.url).pathname) : frame.url;
  return `${name} ${file.replace(/^node_modules\//, '')}:${frame.lineNumber + 1}`;
}

/** Self and inclusive time per function of a `.cpuprofile`, the top `top` of each. */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    total += us;
    const node = byId.get(id)!;
    const name = label(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = label(byId.get(at)!.callFrame);
      if (seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + us);
    }
  }
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, ms: Math.round(us / 1000), percent: Math.round((us / total) * 1000) / 10 }));
  return { totalMs: Math.round(total / 1000), self: lines(self), inclusive: lines(inclusive) };
}

export function formatProfile(summary: ProfileSummary, top = 15): string {
  const fmt = (l: ProfileLine) => `  ${String(l.percent).padStart(5)} %  ${String(l.ms).padStart(6)} ms  ${l.fn}`;
  return [
    `total ${summary.totalMs} ms sampled`,
    'self:',
    ...summary.self.slice(0, top).map(fmt),
    'inclusive:',
    ...summary.inclusive.slice(0, top).map(fmt),
  ].join('\n');
}
