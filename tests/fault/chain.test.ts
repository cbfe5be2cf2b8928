import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkpointVerifies, verifyLog, type Checkpoint, type PublicKeyInfo, type SqliteStore } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { newEvent } from '@plenum/shared';
import pg from 'pg';
import { describe, expect, onTestFinished, test } from 'vitest';
import { api, resourceOf } from '../helpers/api.js';
import { sendOk } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { connectionOf } from '../helpers/sqliteConnection.js';
import { startTestServer } from '../helpers/startTestServer.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const adminToken = 'chain-admin-token-0123456789abcdef';
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

interface Verification {
  verdict: { intact: boolean; head: number; headHash?: string; brokenAt?: number; reason?: string };
  checkpoints: (Checkpoint & { signatureValid: boolean; matchesLog: boolean })[];
  link: { seq: number; hash: string } | null;
  key: PublicKeyInfo;
}

/** `npm run verify -- <session>` as an operator runs it, against the store `env` names: its exit code and output. */
async function verifyCommand(env: Record<string, string>, sessionId: string): Promise<{ code: number; out: string }> {
  const environment: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: undefined, ...env };
  for (const [key, value] of Object.entries(environment)) if (value === undefined) delete environment[key];
  try {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@plenum/source', '--import', 'tsx', 'server/src/ops/verify.ts', sessionId],
      { cwd: repoRoot, env: environment, timeout: 60_000 },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, out: failed.stdout ?? '' };
  }
}

const at = '2026-04-13T08:00:00.000Z';

describe('the tamper-evident log', () => {
  test('SQLite: an event altered in the file is named at its seq by the administrators’ check and by npm run verify; the untouched log passes', async () => {
    const server = await startTestServer({ adminToken });
    const store = server.store as SqliteStore;
    const path = `/api/v1/admin/sessions/${server.sessionId}/verification`;
    const head = await server.head();

    // Negative control: the untouched log is intact, with the hash the store keeps at its head.
    const intact = resourceOf<Verification>(await api(server.url, path, { token: adminToken }));
    const [headLink] = await store.readChain(server.sessionId, head - 1, 1);
    expect(intact.verdict).toEqual({ sessionId: server.sessionId, intact: true, head, headHash: headLink!.hash });
    const clean = await verifyCommand({ DATA_DIR: dirname(store.file) }, server.sessionId);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain(`${server.sessionId}: intact, head ${head}, hash ${headLink!.hash}`);

    // Someone with the file changes one event's payload (lifting the append-only trigger to do it).
    const target = Math.ceil(head / 2);
    const db = connectionOf(store);
    db.prepare('DROP TRIGGER events_append_only_update').run();
    db.prepare("UPDATE events SET payload = json_set(payload, '$.forged', 1) WHERE session_id = ? AND seq = ?").run(
      server.sessionId,
      target,
    );
    db.prepare(
      "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
    ).run();

    const broken = resourceOf<Verification>(await api(server.url, path, { token: adminToken }));
    expect(broken.verdict).toEqual({
      sessionId: server.sessionId,
      intact: false,
      head,
      brokenAt: target,
      reason: 'altered',
    });
    const found = await verifyCommand({ DATA_DIR: dirname(store.file) }, server.sessionId);
    expect(found.code).toBe(1);
    expect(found.out).toContain(`${server.sessionId}: BROKEN at seq ${target} (event or hash altered), head ${head}`);

    // Only an administrator may ask; an unknown session is not found.
    expect((await api(server.url, path, { token: server.tokens.chair })).status).toBe(403);
    expect((await api(server.url, path)).status).toBe(401);
    expect(
      (await api(server.url, '/api/v1/admin/sessions/no-such-session/verification', { token: adminToken })).status,
    ).toBe(404);
  });

  test('PostgreSQL: an event altered in the database is named at its seq; the untouched log passes', async () => {
    const schema = `chain_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
    const store = await PostgresStore.open(databaseUrl, { schema });
    onTestFinished(() => store.close());
    const events = Array.from({ length: 20 }, (_, i) => newEvent('session:renamed', { title: `Title ${i + 1}` }));
    await store.append({ sessionId: 's1', commandId: null, actorId: 'p-1', expectedSeq: 0, at, events });
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema };

    const intact = await verifyLog(store, 's1');
    expect(intact).toMatchObject({ intact: true, head: 20 });
    expect((await verifyCommand(env, 's1')).code).toBe(0);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`ALTER TABLE ${schema}.events DISABLE TRIGGER events_append_only`);
      await client.query(`UPDATE ${schema}.events SET actor_id = 'someone-else' WHERE session_id = 's1' AND seq = 13`);
      await client.query(`ALTER TABLE ${schema}.events ENABLE TRIGGER events_append_only`);
    } finally {
      await client.end();
    }
    expect(await verifyLog(store, 's1')).toEqual({
      sessionId: 's1',
      intact: false,
      head: 20,
      brokenAt: 13,
      reason: 'altered',
    });
    const found = await verifyCommand(env, 's1');
    expect(found.code).toBe(1);
    expect(found.out).toContain('s1: BROKEN at seq 13');
  });

  test('the checkpoint of a day’s adjournment verifies with the key at /api/health and fails on a changed byte', async () => {
    const server = await startTestServer({ adminToken });
    const chair = await server.connect('chair');
    await joinSession(chair, server.sessionId);
    const state = await server.state();
    const dayId = state.definition!.days[0]!.id;
    await sendOk(chair, server.sessionId, { type: 'day:adjourn', payload: { dayId } });

    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { checkpointKey: PublicKeyInfo };
    const verification = resourceOf<Verification>(
      await api(server.url, `/api/v1/admin/sessions/${server.sessionId}/verification`, { token: adminToken }),
    );
    expect(verification.key).toEqual(health.checkpointKey);
    const adjournment = verification.checkpoints.at(-1)!;
    expect(adjournment).toMatchObject({ seq: await server.head(), signatureValid: true, matchesLog: true });
    expect(adjournment.headHash).toBe(verification.verdict.headHash);
    const { signatureValid: _valid, matchesLog: _matches, ...checkpoint } = adjournment;
    expect(checkpointVerifies(checkpoint, health.checkpointKey.publicKey)).toBe(true);

    // A changed byte anywhere: in the signature, or in what it signs.
    const signature = Buffer.from(checkpoint.signature, 'base64');
    signature[0]! ^= 0x01;
    expect(
      checkpointVerifies({ ...checkpoint, signature: signature.toString('base64') }, health.checkpointKey.publicKey),
    ).toBe(false);
    const hash = checkpoint.headHash;
    const changed = `${hash[0] === '0' ? '1' : '0'}${hash.slice(1)}`;
    expect(checkpointVerifies({ ...checkpoint, headHash: changed }, health.checkpointKey.publicKey)).toBe(false);
    expect(checkpointVerifies({ ...checkpoint, seq: checkpoint.seq - 1 }, health.checkpointKey.publicKey)).toBe(false);

    // A footer's seq and hash can be checked against the log as it is now.
    const atAdjournment = resourceOf<Verification>(
      await api(server.url, `/api/v1/admin/sessions/${server.sessionId}/verification?seq=${checkpoint.seq}`, {
        token: adminToken,
      }),
    );
    expect(atAdjournment.link).toEqual({ seq: checkpoint.seq, hash: checkpoint.headHash });
    expect(verification.link).toBeNull();

    // The minutes name the same head and hash in their footer, in either language.
    for (const lang of ['en', 'ko']) {
      const minutes = await fetch(`${server.url}/api/sessions/${server.sessionId}/minutes.md?lang=${lang}`, {
        headers: { authorization: `Bearer ${server.tokens.chair}` },
      });
      const footer = (await minutes.text()).trim().split('\n').at(-1)!;
      expect(footer).toContain(String(checkpoint.seq));
      expect(footer).toContain(checkpoint.headHash);
    }
  });

  test('an archive whose event was altered and its digest made again is refused as broken at that seq; nothing is imported', async () => {
    const server = await startTestServer({ adminToken });
    const exported = await fetch(`${server.url}/api/sessions/${server.sessionId}/archive.json`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const archive = (await exported.json()) as { events: { payload: unknown }[]; sha256: string; headHash: string };
    const [headLink] = await server.store.readChain(server.sessionId, (await server.head()) - 1, 1);
    expect(archive.headHash).toBe(headLink!.hash);
    const post = (body: unknown) =>
      api(server.url, '/api/archives', {
        method: 'POST',
        token: adminToken,
        body: JSON.stringify(body),
        contentType: 'application/vnd.plenum.archive+json',
      });
    const sessionsBefore = await server.store.listSessions();

    const forged = structuredClone(archive);
    (forged.events[4]!.payload as Record<string, unknown>).forged = true;
    forged.sha256 = createHash('sha256').update(JSON.stringify(forged.events)).digest('hex');
    const refused = await post(forged);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_PAYLOAD', reason: 'broken', seq: 5 });
    expect(await server.store.listSessions()).toEqual(sessionsBefore);

    // Negative control: the archive as exported is imported.
    expect((await post(archive)).status).toBe(201);
  });
});
