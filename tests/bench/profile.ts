/** `tsx tests/bench/profile.ts <file.cpuprofile> [top]`: prints where the time went. */
import { formatProfile, summariseProfile } from './lib/profile.js';

const [file, top] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: tsx tests/bench/profile.ts <file.cpuprofile> [top]\n');
  process.exit(2);
}
process.stdout.write(`${formatProfile(summariseProfile(file, Number(top ?? 25)), Number(top ?? 25))}\n`);
