import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Supply-chain floor (P18): the lockfile must not resolve any of these packages below the
 * version that fixed their known advisories. `npm audit` cannot reach its endpoint from CI, so
 * this reads the resolved tree from `npm ls --all --json` itself.
 */
export const minimumVersions: Record<string, string> = {
  'socket.io': '4.8.3',
  'engine.io': '6.6.9',
  'socket.io-parser': '4.2.6',
  ws: '8.21.0',
  'socket.io-client': '4.8.3',
};

interface NpmTree {
  version?: string;
  dependencies?: Record<string, NpmTree>;
}

/** Compares two `x.y.z` versions (pre-release suffixes sort before their release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('-', 2);
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre && !y.pre) return -1;
  if (!x.pre && y.pre) return 1;
  return 0;
}

/** Every package below its floor, with the path that pulls it in; also which were seen at all. */
export function checkDependencies(
  tree: NpmTree,
  floors = minimumVersions,
): { violations: string[]; seen: Record<string, string[]> } {
  const violations: string[] = [];
  const seen: Record<string, string[]> = {};
  const walk = (node: NpmTree, path: string[]): void => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      const floor = floors[name];
      if (floor && child.version) {
        (seen[name] ??= []).push(child.version);
        if (compareVersions(child.version, floor) < 0) {
          violations.push(`${[...path, `${name}@${child.version}`].join(' > ')} is below ${floor}`);
        }
      }
      walk(child, [...path, `${name}@${child.version ?? '?'}`]);
    }
  };
  walk(tree, []);
  return { violations, seen };
}

/** The resolved dependency tree of the repository, as npm sees it. */
export function npmTree(cwd = fileURLToPath(new URL('..', import.meta.url))): NpmTree {
  const out = execFileSync('npm', ['ls', '--all', '--json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out) as NpmTree;
}

// `npx tsx tests/supplyChain.ts`: exits 1 (and says why) when a floor is broken.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { violations, seen } = checkDependencies(npmTree());
  const missing = Object.keys(minimumVersions).filter((name) => !seen[name]);
  for (const [name, versions] of Object.entries(seen)) console.log(`${name}: ${[...new Set(versions)].join(', ')}`);
  if (missing.length > 0) console.log(`not in the tree: ${missing.join(', ')}`);
  if (violations.length > 0) {
    console.error(`Supply-chain check failed:\n  ${violations.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Supply-chain check passed.');
}
