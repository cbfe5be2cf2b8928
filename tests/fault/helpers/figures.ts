/** FULL=1 runs the full counts; CI runs reduced ones with the same rates. */
export const isFull = process.env.FULL === '1';

/** `ci` in CI, `full` under FULL=1. */
export function count<T>(ci: T, full: T): T {
  return isFull ? full : ci;
}

/** Prints a test's figures as one block, so a CI log shows what each fault test measured. */
export function printFigures(title: string, figures: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(
    ([k, v]) => `  ${k.padEnd(width)}  ${typeof v === 'number' ? round(v) : String(v)}`,
  );
  console.log(`\n[fault] ${title}${isFull ? ' (FULL)' : ''}\n${lines.join('\n')}\n`);
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The p-th percentile (0–100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: FAULT_SEED when given, else a fresh one (printed with the figures). */
export function runSeed(): number {
  const given = Number(process.env.FAULT_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1;
}
