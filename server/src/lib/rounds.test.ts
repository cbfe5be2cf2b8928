import { describe, expect, test } from 'vitest';
import { Rounds } from './rounds.js';

/** A promise resolved from outside. */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('rounds', () => {
  test('calls while a round runs share it and make one more round, not one each', async () => {
    const rounds = new Rounds();
    const first = gate();
    let runs = 0;
    const work = async () => {
      runs++;
      if (runs === 1) await first.opened;
    };
    const a = rounds.run('s1', work);
    const b = rounds.run('s1', work);
    const c = rounds.run('s1', work);
    expect(rounds.inFlight()).toHaveLength(1);
    first.open();
    await Promise.all([a, b, c]);
    expect(runs).toBe(2);
    expect(rounds.inFlight()).toEqual([]);
  });

  test('keys run apart; a failed round rejects and the next call runs afresh', async () => {
    const rounds = new Rounds();
    const seen: string[] = [];
    await Promise.all([
      rounds.run('a', () => Promise.resolve(void seen.push('a'))),
      rounds.run('b', () => Promise.resolve(void seen.push('b'))),
    ]);
    expect(seen.sort()).toEqual(['a', 'b']);
    await expect(rounds.run('a', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    await rounds.run('a', () => Promise.resolve(void seen.push('again')));
    expect(seen).toContain('again');
  });
});
