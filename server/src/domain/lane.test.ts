import { describe, expect, test } from 'vitest';
import { Lane } from './lane.js';

describe('Lane', () => {
  test('runs tasks one at a time in the order given, and a failed task does not stop the next', async () => {
    const lane = new Lane();
    const log: string[] = [];
    let release!: () => void;
    const first = lane.run(async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('first ends');
      throw new Error('first failed');
    });
    const second = lane.run(() => {
      log.push('second runs');
      return Promise.resolve('second');
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    release();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe('second');
    expect(log).toEqual(['first starts', 'first ends', 'second runs']);
  });
});
