import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A slow link for a browser: a network namespace joined to this host by a veth pair, both ends
 * shaped by a token bucket (`tc … tbf`), so what the browser inside receives and sends crosses
 * the link at `rateKbit`. The server listens on the host's end (`hostAddress`); the browser is
 * started inside the namespace through `browserPath`, a wrapper that runs chromium there.
 */
export interface ShapedLink {
  /** The host's address on the link, where the server listens and the browser connects. */
  hostAddress: string;
  /** A self-signed certificate and key (PEM) for `hostAddress`: a county office reaches the server over HTTPS. */
  tls: { cert: string; key: string };

  /** An executable that runs chromium inside the namespace, for `chromium.launch({ executablePath })`. */
  browserPath: string;
  /** Bytes the namespace has received over the link so far (the browser's downloads). */
  receivedBytes(): number;
  /** Removes the namespace, its veth pair and the wrapper. Idempotent; also runs on process exit. */
  remove(): void;
}

const prefix = 'plenum-link-';

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A shell command that turns IPv6 off on the named interfaces of its namespace, where the kernel has it. */
function ipv4Only(...interfaces: string[]): string {
  return interfaces
    .map((name) => `/proc/sys/net/ipv6/conf/${name}/disable_ipv6`)
    .map((file) => `if [ -e ${file} ]; then echo 1 > ${file}; fi`)
    .join('; ');
}

/** Why a shaped link cannot be made here (not root, no `ip netns`, `tc`, `openssl` or `certutil`), or null when it can. */
export function shapedLinkUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'shaping a link needs root (ip netns, tc)';
  for (const tool of ['ip', 'tc', 'openssl', 'certutil']) {
    try {
      run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return `${tool} is missing (apt-get install -y iproute2 openssl libnss3-tools)`;
    }
  }
  const probe = `${prefix}probe-${process.pid}`;
  try {
    run('ip', ['netns', 'add', probe]);
    run('ip', ['netns', 'del', probe]);
    return null;
  } catch (error) {
    return `ip netns is unavailable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** Namespaces of earlier runs whose process is gone (a run killed before it could clean up). */
function removeStale(): void {
  for (const line of run('ip', ['netns', 'list']).split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!name.startsWith(prefix) || !Number.isInteger(pid)) continue;
    try {
      process.kill(pid, 0);
    } catch {
      run('ip', ['netns', 'del', name]);
    }
  }
}

/**
 * Creates the namespace and the shaped link (`rateKbit` each way, a 400 ms queue), and a
 * chromium wrapper that runs inside it.
 */
export function createShapedLink(options: { rateKbit: number; chromium: string }): ShapedLink {
  removeStale();
  const id = `${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  const namespace = `${prefix}${id}`;
  // Interface names are at most 15 characters.
  const tag = (process.pid % 100_000).toString(36) + Math.floor(Math.random() * 1296).toString(36);
  const hostSide = `plh${tag}`;
  const browserSide = `plb${tag}`;
  const subnet = `10.${200 + (process.pid % 50)}.${Math.floor(Math.random() * 250)}`;
  const hostAddress = `${subnet}.1`;
  const wrapperDir = mkdtempSync(join(tmpdir(), 'plenum-link-'));
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    // Deleting the namespace deletes its end of the pair, and with it the host's end.
    for (const step of [() => run('ip', ['netns', 'del', namespace]), () => run('ip', ['link', 'del', hostSide])]) {
      try {
        step();
      } catch {
        // Already gone.
      }
    }
    rmSync(wrapperDir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  const inside = (...args: string[]) => run('ip', ['netns', 'exec', namespace, ...args]);
  const shape = ['root', 'tbf', 'rate', `${options.rateKbit}kbit`, 'burst', '16kbit', 'latency', '400ms'];
  try {
    run('ip', ['netns', 'add', namespace]);
    // IPv4 only: an IPv6 link-local address arrives a second or two after the link is up, once its
    // duplicate detection ends, and Chromium takes that for a change of network and aborts the
    // navigation under way (ERR_NETWORK_CHANGED). Its neighbour discovery would also count as
    // bytes on the link.
    inside('sh', '-c', ipv4Only('all', 'default'));
    run('ip', ['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', browserSide]);
    run('sh', ['-c', ipv4Only(hostSide)]);
    run('ip', ['link', 'set', browserSide, 'netns', namespace]);
    run('ip', ['addr', 'add', `${hostAddress}/30`, 'dev', hostSide]);
    run('ip', ['link', 'set', hostSide, 'up']);
    run('tc', ['qdisc', 'add', 'dev', hostSide, ...shape]);
    inside('ip', 'addr', 'add', `${subnet}.2/30`, 'dev', browserSide);
    inside('ip', 'link', 'set', browserSide, 'up');
    inside('ip', 'link', 'set', 'lo', 'up');
    inside('tc', 'qdisc', 'add', 'dev', browserSide, ...shape);
  } catch (error) {
    remove();
    throw error;
  }
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=plenum-test',
    '-addext',
    `subjectAltName=IP:${hostAddress}`,
    '-keyout',
    join(wrapperDir, 'key.pem'),
    '-out',
    join(wrapperDir, 'cert.pem'),
  ]);
  const tls = {
    cert: readFileSync(join(wrapperDir, 'cert.pem'), 'utf8'),
    key: readFileSync(join(wrapperDir, 'key.pem'), 'utf8'),
  };
  // The browser trusts the certificate as if an authority had signed it (in the NSS database of
  // a home of its own): with a certificate error, Chromium would neither cache nor keep a service worker.
  const home = join(wrapperDir, 'home');
  const nssDb = join(home, '.pki', 'nssdb');
  mkdirSync(nssDb, { recursive: true });
  run('certutil', ['-d', `sql:${nssDb}`, '-N', '--empty-password']);
  run('certutil', ['-d', `sql:${nssDb}`, '-A', '-t', 'P,,', '-n', 'plenum-test', '-i', join(wrapperDir, 'cert.pem')]);
  const browserPath = join(wrapperDir, 'chromium-on-link');
  writeFileSync(browserPath, `#!/bin/sh\nHOME=${home} exec ip netns exec ${namespace} ${options.chromium} "$@"\n`);
  chmodSync(browserPath, 0o755);
  return {
    hostAddress,
    tls,
    browserPath,
    receivedBytes: () => Number(inside('cat', `/sys/class/net/${browserSide}/statistics/rx_bytes`).trim()),
    remove,
  };
}
