import { describe, expect, test } from 'vitest';
import { checkDependencies, compareVersions, minimumVersions, npmTree } from '../supplyChain.js';
import { printFigures } from './helpers/figures.js';

describe('supply chain', () => {
  test('P18: the lockfile resolves socket.io ≥ 4.8.3, engine.io ≥ 6.6.9, socket.io-parser ≥ 4.2.6, ws ≥ 8.21.0, socket.io-client ≥ 4.8.3 everywhere', () => {
    const { violations, seen } = checkDependencies(npmTree());
    printFigures(
      'supply chain',
      Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...new Set(v)].join(', ')])),
    );
    expect(Object.keys(seen).sort()).toEqual(Object.keys(minimumVersions).sort());
    expect(violations).toEqual([]);
  }, 60_000);

  test('negative control: a tree with ws 8.20.9 deep down, or socket.io 4.8.2, fails the check', () => {
    const tree = {
      dependencies: {
        'socket.io': {
          version: '4.8.2',
          dependencies: { 'engine.io': { version: '6.6.9', dependencies: { ws: { version: '8.20.9' } } } },
        },
        'socket.io-client': { version: '4.8.3' },
      },
    };
    const { violations } = checkDependencies(tree);
    expect(violations).toEqual([
      'socket.io@4.8.2 is below 4.8.3',
      'socket.io@4.8.2 > engine.io@6.6.9 > ws@8.20.9 is below 8.21.0',
    ]);
    expect(compareVersions('8.21.0-beta.1', '8.21.0')).toBeLessThan(0);
    expect(compareVersions('10.0.0', '8.21.0')).toBeGreaterThan(0);
  });
});
