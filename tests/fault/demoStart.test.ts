import { SqliteStore } from '@plenum/server';
import { sessionRoles as roles } from '@plenum/shared';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { connectClient, expectRefused } from '../helpers/connectClient.js';
import { joinSession } from '../helpers/joinSession.js';
import {
  freePort,
  parseInviteLinks,
  restartServerProcess,
  spawnServer,
  startServerProcess,
} from '../helpers/serverProcess.js';
import { connectionOf } from '../helpers/sqliteConnection.js';
import { tempDir } from '../helpers/tempDir.js';
import { printFigures } from './helpers/figures.js';
import { faultServerEntry } from './helpers/serverProcess.js';

/** Every session in the SQLite file of `dataDir`, with how many events each holds. */
async function sessionsIn(dataDir: string): Promise<Record<string, number>> {
  const store = new SqliteStore(join(dataDir, 'plenum.sqlite'));
  try {
    const rows = connectionOf(store)
      .prepare('SELECT session_id AS id, COUNT(*) AS n FROM events GROUP BY session_id')
      .all() as { id: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.id, r.n]));
  } finally {
    await store.close();
  }
}

describe('demo start', () => {
  test('rehearsal 16: first starts SIGKILLed in the middle of seeding the demo; the next start finishes it, with no duplicate', async () => {
    const clean = await tempDir('plenum-seed-clean-');
    const whole = await startServerProcess({ dataDir: clean, port: await freePort() });
    whole.kill('SIGTERM');
    await whole.exited;
    const expected = await sessionsIn(clean);

    const dataDir = await tempDir('plenum-seed-killed-');
    // Three lives, each killed a few steps further into the seeding than the last got.
    for (const step of [4, 10, 16]) {
      const life = await spawnServer({
        dataDir,
        port: await freePort(),
        entry: faultServerEntry,
        env: { DEMO: 'true', LOG_LEVEL: 'warn', PLENUM_TEST_FAULTS: JSON.stringify({ haltSeedAt: step }) },
        isReady: (stdout) => (stdout.includes('PLENUM_FAULT seed') ? true : null),
        waitingFor: `did not reach seeding step ${step}`,
        timeoutMs: 20_000,
      });
      expect(await life.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(parseInviteLinks(life.stdout())).toBeNull();
    }
    const halfSeeded = await sessionsIn(dataDir);

    const server = await startServerProcess({ dataDir, port: await freePort() });
    const after = await sessionsIn(dataDir);
    printFigures('seeding killed', {
      'events when killed': Object.values(halfSeeded).reduce((a, b) => a + b, 0),
      'events once finished': Object.values(after).reduce((a, b) => a + b, 0),
      'events of a clean seeding': Object.values(expected).reduce((a, b) => a + b, 0),
    });
    expect(after).toEqual(expected);
    for (const role of roles) {
      const socket = await connectClient(server.url, { token: server.tokens[role] });
      expect((await joinSession(socket, server.sessionId)).you.role).toBe(role);
      socket.disconnect();
    }
  });

  test('rehearsal 14: restarts print no links and revoke none; --links reissues only the demo’s own; /socket.io/ answers carry the security headers', async () => {
    const dataDir = await tempDir('plenum-links-');
    const first = await startServerProcess({ dataDir, port: await freePort() });
    const invited = await fetch(`${first.url}/api/sessions/${first.sessionId}/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.tokens.chair}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Guest official', role: 'official', unitId: null }),
    });
    const guest = ((await invited.json()) as { data: { link: string } }).data.link.split('#token=')[1]!;
    first.kill('SIGKILL');
    await first.exited;

    // Two restarts, the second after a crash: no token printed, every link still works.
    for (let i = 0; i < 2; i++) {
      const again = await restartServerProcess({ dataDir, port: await freePort() });
      expect(again.stdout()).not.toMatch(/#token=/);
      for (const token of [first.tokens.chair, first.tokens.official, guest]) {
        (await connectClient(again.url, { token })).disconnect();
      }
      again.kill(i === 0 ? 'SIGTERM' : 'SIGKILL');
      await again.exited;
    }

    const asked = await restartServerProcess({ dataDir, port: await freePort(), args: ['--links'] });
    const links = parseInviteLinks(asked.stdout());
    expect(Object.keys(links?.tokens ?? {}).sort()).toEqual([...roles].sort());
    for (const role of roles) {
      expect((await expectRefused(asked.url, { token: first.tokens[role] })).data).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      (await connectClient(asked.url, { token: links!.tokens[role]! })).disconnect();
    }
    // The participant the chair invited keeps their link.
    (await connectClient(asked.url, { token: guest })).disconnect();

    // P16 under /socket.io/: a handshake and a refused foreign origin alike.
    for (const origin of [undefined, 'https://evil.example']) {
      const res = await fetch(`${asked.url}/socket.io/?EIO=4&transport=polling`, {
        headers: origin ? { origin } : {},
      });
      await res.arrayBuffer();
      expect(res.status).toBe(origin ? 403 : 200);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });
});
