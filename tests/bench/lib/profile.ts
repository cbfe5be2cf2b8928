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

/** One stretch of samples without an idle one: the event loop held for `ms` from `atMs` (since the profile began). */
export interface ProfileHold {
  atMs: number;
  ms: number;
  self: ProfileLine[];
  inclusive: ProfileLine[];
}

function readProfile(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return { profile, byId, parent };
}

/** Self and inclusive time per function of the given samples (`us` per sampled node id), the top `top` of each. */
function tally(
  { byId, parent }: ReturnType<typeof readProfile>,
  selfUs: ReadonlyMap<number, number>,
  top: number,
): ProfileSummary {
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

/** Self and inclusive time per function of a `.cpuprofile`, the top `top` of each. */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const read = readProfile(file);
  const selfUs = new Map<number, number>();
  read.profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (read.profile.timeDeltas[i] ?? 0)));
  return tally(read, selfUs, top);
}

/**
 * The `count` longest holds of the event loop in a `.cpuprofile`: runs of samples none of which
 * is `(idle)`, each with where its time went. A profile does not mark turns, so a hold is one
 * long turn or several with no pause between them (`loop.*` has the longest single turn). A
 * sample's delta is the time since the one before, so a hold is the sum of its samples' deltas.
 */
export function longestHolds(file: string, count = 5, top = 12): ProfileHold[] {
  const read = readProfile(file);
  const { samples, timeDeltas } = read.profile;
  const holds: { atMs: number; ms: number; from: number; to: number }[] = [];
  let clock = 0;
  let start = -1;
  let held = 0;
  let startMs = 0;
  const close = (to: number) => {
    if (start >= 0) holds.push({ atMs: startMs, ms: held / 1000, from: start, to });
    start = -1;
    held = 0;
  };
  samples.forEach((id, i) => {
    const delta = timeDeltas[i] ?? 0;
    clock += delta;
    if (read.byId.get(id)!.callFrame.functionName === '(idle)') {
      close(i);
      return;
    }
    if (start < 0) {
      start = i;
      startMs = (clock - delta) / 1000;
    }
    held += delta;
  });
  close(samples.length);
  return holds
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map(({ atMs, ms, from, to }) => {
      const selfUs = new Map<number, number>();
      for (let i = from; i < to; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (timeDeltas[i] ?? 0));
      const { self, inclusive } = tally(read, selfUs, top);
      return { atMs: Math.round(atMs), ms: Math.round(ms), self, inclusive };
    });
}

const formatLine = (l: ProfileLine) => `  ${String(l.percent).padStart(5)} %  ${String(l.ms).padStart(6)} ms  ${l.fn}`;

export function formatHolds(holds: readonly ProfileHold[], top = 12): string {
  return holds
    .map((hold) =>
      [
        `hold of ${hold.ms} ms at ${hold.atMs} ms`,
        'self:',
        ...hold.self.slice(0, top).map(formatLine),
        'inclusive:',
        ...hold.inclusive.slice(0, top).map(formatLine),
      ].join('\n'),
    )
    .join('\n\n');
}

export function formatProfile(summary: ProfileSummary, top = 15): string {
  return [
    `total ${summary.totalMs} ms sampled`,
    'self:',
    ...summary.self.slice(0, top).map(formatLine),
    'inclusive:',
    ...summary.inclusive.slice(0, top).map(formatLine),
  ].join('\n');
}
