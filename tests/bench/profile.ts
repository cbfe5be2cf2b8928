/**
 * `tsx tests/bench/profile.ts <file.cpuprofile> [top]`: prints where the time went.
 * `tsx tests/bench/profile.ts --holds <file.cpuprofile> [count] [top]`: the longest holds of the event loop, and what held it.
 */
import { formatHolds, formatProfile, longestHolds, summariseProfile } from './lib/profile.js';

const args = process.argv.slice(2);
const holds = args[0] === '--holds';
const [file, first, second] = holds ? args.slice(1) : args;
if (!file) {
  process.stderr.write('usage: tsx tests/bench/profile.ts [--holds] <file.cpuprofile> [count] [top]\n');
  process.exit(2);
}
if (holds) {
  const top = Number(second ?? 12);
  process.stdout.write(`${formatHolds(longestHolds(file, Number(first ?? 5), top), top)}\n`);
} else {
  const top = Number(first ?? 25);
  process.stdout.write(`${formatProfile(summariseProfile(file, top), top)}\n`);
}
