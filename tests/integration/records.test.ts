import { createHash } from 'node:crypto';
import { createApp, createLogger, hashToken } from '@plenum/server';
import { criticismIdsFrom, type Role } from '@plenum/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, onTestFinished, test } from 'vitest';
import { closeItem, openFloor, postCriticism, sendOk, startItem } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { listenOnLoopback, openTestStore } from '../helpers/localServer.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

const adminToken = 'automation-token-0123456789abcdef';
const roles: readonly Role[] = ['chair', 'presenter', 'official', 'inspector', 'observer', 'administrator'];
/** Who may ask besides the session's participants: ADMIN_TOKEN, and an administrator whose link was revoked. */
type Reader = Role | 'ADMIN_TOKEN' | 'revoked administrator';
const readers: readonly Reader[] = [...roles, 'ADMIN_TOKEN', 'revoked administrator'];
const records = [
  'minutes.md',
  'minutes.pdf',
  'results.csv',
  'results.xlsx',
  'verifications.csv',
  'criticisms.csv',
  'directives.csv',
  'warnings.csv',
  'calendar.ics',
  'archive.json',
] as const;

/** What each role's screens show, as HTTP statuses (the README's table); an administrator's, what the chair's show. */
const allowed: Record<Reader, readonly (typeof records)[number][]> = {
  chair: records,
  presenter: records.filter((r) => r !== 'archive.json'),
  official: records.filter((r) => r !== 'archive.json'),
  inspector: records.filter((r) => r !== 'archive.json'),
  observer: [
    'minutes.md',
    'minutes.pdf',
    'results.csv',
    'results.xlsx',
    'verifications.csv',
    'criticisms.csv',
    'calendar.ics',
  ],
  administrator: records,
  ADMIN_TOKEN: records,
  'revoked administrator': [],
};

function get(url: string, token: string | null) {
  return fetch(url, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

/** The demo with Riverside Steel Works presented, one criticism upheld and one hidden by the chair. */
async function meeting(server: TestServer) {
  const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
  await Promise.all([joinSession(chair, server.sessionId), joinSession(official, server.sessionId)]);
  await sendOk(chair, server.sessionId, startItem('item-2'));
  await sendOk(chair, server.sessionId, openFloor('item-2'));
  await sendOk(official, server.sessionId, postCriticism('item-2', { text: 'Rolled steel counted twice.' }));
  await sendOk(official, server.sessionId, postCriticism('item-2', { text: 'The director is never there.' }));
  const state = await server.state();
  const [upheld, hidden] = criticismIdsFrom(state);
  await sendOk(chair, server.sessionId, {
    type: 'criticism:rule',
    payload: { criticismId: upheld!, ruling: 'upheld', note: null },
  });
  await sendOk(chair, server.sessionId, {
    type: 'criticism:hide',
    payload: { criticismId: hidden!, reason: 'Personal remarks.' },
  });
  await sendOk(chair, server.sessionId, closeItem('item-2'));
}

describe('records people take away', () => {
  test('each role gets exactly the records its screens show, an administrator the chair’s; anonymous, foreign, revoked and expired tokens are refused', async () => {
    const server = await startTestServer({ adminToken });
    await meeting(server);
    const base = `${server.url}/api/sessions/${server.sessionId}`;
    const revokedAdministrator = await server.app.admin.invite({ name: 'Former administrator', email: null }, 'system');
    await server.app.admin.revoke(revokedAdministrator.participant.id, 'system');
    const tokens: Record<Reader, string> = {
      ...server.tokens,
      ADMIN_TOKEN: adminToken,
      'revoked administrator': revokedAdministrator.token,
    };

    for (const reader of readers) {
      for (const record of records) {
        const response = await get(`${base}/${record}`, tokens[reader]);
        const expected = reader === 'revoked administrator' ? 401 : allowed[reader].includes(record) ? 200 : 403;
        expect(`${reader} ${record} ${response.status}`).toBe(`${reader} ${record} ${expected}`);
        if (response.status === 403) expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' });
        if (response.status === 401) {
          expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
        }
      }
    }

    // A hidden criticism: its text and the reason for the chair alone; others read that it was hidden.
    const minutes = async (role: Role) => (await get(`${base}/minutes.md`, server.tokens[role])).text();
    const chairMinutes = await minutes('chair');
    expect(chairMinutes).toContain('The director is never there.');
    expect(chairMinutes).toContain('Hidden by the chair: Personal remarks.');
    expect(await minutes('administrator')).toContain('Hidden by the chair: Personal remarks.');
    for (const role of ['official', 'presenter', 'inspector', 'observer'] as const) {
      const text = await minutes(role);
      expect(text, role).toContain('Rolled steel counted twice.');
      expect(text, role).toContain('Hidden by the chair.');
      expect(text, role).not.toContain('The director is never there.');
      expect(text, role).not.toContain('Personal remarks');
    }
    const chairCriticisms = await (await get(`${base}/criticisms.csv`, server.tokens.chair)).text();
    const officialCriticisms = await (await get(`${base}/criticisms.csv`, server.tokens.official)).text();
    expect(chairCriticisms).toContain('Personal remarks.');
    expect(officialCriticisms).not.toContain('Personal remarks');
    expect(officialCriticisms).not.toContain('The director is never there.');
    // Its hiding, who and when, for everyone; why only for the chair.
    const hiding = async (role: Role) => {
      const csv = await (await get(`${base}/criticisms.csv`, server.tokens[role])).text();
      const rows: Record<string, string>[] = parse(csv, { bom: true, columns: true });
      const row = rows.find((r) => r.Hidden === 'yes')!;
      return [row['Times hidden'], row['Hidden by'], row.Hidings];
    };
    const chairName = server.participants.chair.name;
    expect(await hiding('chair')).toEqual([
      '1',
      chairName,
      expect.stringMatching(/^Hidden .+ by .+: Personal remarks\.$/),
    ]);
    expect(await hiding('official')).toEqual([
      '1',
      chairName,
      expect.stringMatching(/^Hidden [-\d]+ [:\d]+ by [^:]+$/),
    ]);
    // Attendance: names for the chair, a count for the others, nothing on the big screen; no decisions there either.
    expect(chairMinutes).toMatch(/- Present: /);
    expect(await minutes('official')).not.toMatch(/- Present: /);
    const bigScreen = await minutes('observer');
    expect(bigScreen).not.toContain('## Directives');
    expect(bigScreen).not.toContain('Attendance');

    // Refused: no token, a mistyped one, another session's, a revoked one, an expired one.
    const refusedWith = async (token: string | null) => {
      const response = await get(`${base}/minutes.md`, token);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const unauthenticated = { status: 401, body: { code: 'UNAUTHENTICATED' } };
    expect(await refusedWith(null)).toMatchObject(unauthenticated);
    expect(await refusedWith('not-a-token')).toMatchObject(unauthenticated);
    const definition = (await server.state()).definition!;
    const other = await server.app.sessions.createSession(
      { ...definition, title: 'Another review', previousSessionId: null },
      Object.values((await server.state()).units),
      'Another chair',
    );
    expect(await refusedWith(other.chair.token)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    // Negative control: the other session's chair reads its own session's minutes.
    expect((await get(`${server.url}/api/sessions/${other.sessionId}/minutes.md`, other.chair.token)).status).toBe(200);
    const revoked = await server.invite('official', null, 'Revoked official');
    expect((await get(`${base}/minutes.md`, revoked.token)).status).toBe(200);
    await server.store.revokeInvitations(server.sessionId, revoked.participant.id, new Date().toISOString());
    expect(await refusedWith(revoked.token)).toMatchObject(unauthenticated);
    const expired = { token: 'expired-token', at: new Date(Date.now() - 60_000).toISOString() };
    await server.store.saveInvitation({
      tokenHash: hashToken(expired.token),
      sessionId: server.sessionId,
      participant: server.participants.official,
      createdAt: expired.at,
      expiresAt: expired.at,
      revokedAt: null,
    });
    expect(await refusedWith(expired.token)).toMatchObject(unauthenticated);
    // Seven PDFs among the downloads: more than the default 30 s on a loaded machine.
  }, 120_000);

  test('?lang=ko writes Korean, ?day=N keeps one day, a day that does not exist is refused', async () => {
    const server = await startTestServer();
    const base = `${server.url}/api/sessions/${server.sessionId}`;
    const korean = await (await get(`${base}/minutes.md?lang=ko`, server.tokens.chair)).text();
    expect(korean).toMatch(/^# 회의록: /);
    expect(korean).toContain('## 경고');
    const day2 = await get(`${base}/minutes.md?day=2`, server.tokens.chair);
    expect(day2.headers.get('content-disposition')).toBe('attachment; filename="2026-Q1-minutes-day-2.en.md"');
    const text = await day2.text();
    expect(text).toContain('## Day 2 — light industry and food (2026-04-14)');
    expect(text).not.toContain('## Day 1');
    expect((await get(`${base}/minutes.md?day=9`, server.tokens.chair)).status).toBe(404);
    expect((await get(`${base}/minutes.md?lang=fr`, server.tokens.chair)).status).toBe(400);
  });

  test('results.xlsx has a sheet per table with typed cells; the CSVs hold the same rows', async () => {
    const server = await startTestServer();
    await meeting(server);
    const base = `${server.url}/api/sessions/${server.sessionId}`;
    const response = await get(`${base}/results.xlsx`, server.tokens.official);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Results',
      'Verifications',
      'Criticisms',
      'Directives',
      'Warnings',
    ]);

    const results = workbook.getWorksheet('Results')!;
    const header = (results.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    const steel = results
      .getSheetValues()
      .findIndex((row) => Array.isArray(row) && row[column('Indicator id')] === 'steel');
    const row = results.getRow(steel);
    expect(row.getCell(column('Planned')).value).toBe(120000);
    expect(row.getCell(column('Verified')).value).toBe(117600);
    expect(row.getCell(column('Fulfilment')).value).toBeCloseTo(0.98);
    expect(row.getCell(column('Fulfilment')).numFmt).toBe('0.0%');
    expect(row.getCell(column('Production')).value).toBe(true);
    expect(row.getCell(column('Submitted at')).value).toBeInstanceOf(Date);
    const directives = workbook.getWorksheet('Directives')!;
    const due = (directives.getRow(1).values as unknown[]).indexOf('Due date');
    expect(directives.getRow(2).getCell(due).value).toBeInstanceOf(Date);

    const csv = Buffer.from(await (await get(`${base}/results.csv`, server.tokens.official)).arrayBuffer());
    // A byte-order mark first, so spreadsheets read the file as UTF-8.
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8', 3).trim().split('\n');
    expect(lines[0]).toMatch(/^Unit id,Unit,Ownership/);
    expect(lines).toHaveLength(results.rowCount);
    const criticisms = await (await get(`${base}/criticisms.csv`, server.tokens.official)).text();
    expect(criticisms).toContain('Upheld');
    // Each verification of the figures: the steel's, with its inspector and finding, the one standing.
    const verifications = workbook.getWorksheet('Verifications')!;
    const verificationsCsv = await (await get(`${base}/verifications.csv`, server.tokens.official)).text();
    const verified: Record<string, string>[] = parse(verificationsCsv, { bom: true, columns: true });
    expect(verified).toHaveLength(verifications.rowCount - 1);
    expect(verified.find((r) => r['Indicator id'] === 'steel')).toMatchObject({
      Verified: '117600',
      'After the item closed': 'no',
      Current: 'yes',
    });
  });

  test('a CSV writes yes and no in its own language; the XLSX keeps boolean cells', async () => {
    const server = await startTestServer();
    await meeting(server);
    const base = `${server.url}/api/sessions/${server.sessionId}`;
    const csvColumn = async (name: string, lang: 'en' | 'ko', header: string) => {
      const text = await (await get(`${base}/${name}?lang=${lang}`, server.tokens.chair)).text();
      const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
      expect(Object.keys(rows[0]!)).toContain(header);
      return new Set(rows.map((row) => row[header]));
    };
    expect(await csvColumn('results.csv', 'ko', '생산 지표')).toEqual(new Set(['예', '아니요']));
    expect(await csvColumn('criticisms.csv', 'ko', '숨김')).toEqual(new Set(['예', '아니요']));
    expect(await csvColumn('results.csv', 'en', 'Production')).toEqual(new Set(['yes', 'no']));
    const overdue = await csvColumn('directives.csv', 'ko', '기한 초과');
    expect([...overdue].every((cell) => cell === '예' || cell === '아니요')).toBe(true);

    // A spreadsheet filters a typed boolean in any language: the workbook keeps TRUE and FALSE.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await get(`${base}/results.xlsx?lang=ko`, server.tokens.chair)).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const production = (sheet.getRow(1).values as unknown[]).indexOf('생산 지표');
    const cells = sheet.getColumn(production).values.slice(2);
    expect(new Set(cells)).toEqual(new Set([true, false]));
  });

  test('calendar.ics has one event per day with the agenda and the call; a presenter’s items come first', async () => {
    const server = await startTestServer();
    const base = `${server.url}/api/sessions/${server.sessionId}`;
    const ics = (await (await get(`${base}/calendar.ics`, server.tokens.presenter)).text()).replace(/\r\n[ \t]/g, '');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain('DTSTART;VALUE=DATE:20260413');
    expect(ics).toContain('LOCATION:https://conference.example.org/northern-province-q1');
    const day1 = ics.slice(ics.indexOf('BEGIN:VEVENT'), ics.indexOf('END:VEVENT'));
    expect(day1).toMatch(
      /DESCRIPTION:Your unit's items:\\n6\. Eastfield Cement Plant — plan and results\\n\\nOther items:/,
    );
    const official = await (await get(`${base}/calendar.ics?day=2`, server.tokens.official)).text();
    expect(official.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  test('archive round trip: export, import into a fresh store, the same folded state; a tampered, partial or invalid archive changes nothing', async () => {
    const source = await startTestServer();
    await meeting(source);
    const exported = await get(`${source.url}/api/sessions/${source.sessionId}/archive.json`, source.tokens.chair);
    const archive = (await exported.json()) as {
      sessionId: string;
      headSeq: number;
      sha256: string;
      events: unknown[];
    };
    expect(archive.headSeq).toBe(await source.head());

    const { store, dispose } = await openTestStore('sqlite', 'plenum-archive-');
    const app = createApp({ store, logger: createLogger({ level: 'silent' }), adminToken: 'admin-secret' });
    onTestFinished(async () => {
      await app.close();
      await dispose();
    });
    const url = await listenOnLoopback(app.httpServer);
    const post = (body: unknown, token = 'admin-secret') =>
      fetch(`${url}/api/archives`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.plenum.archive+json' },
        body: JSON.stringify(body),
      });

    const administrator = await app.admin.invite({ name: 'Archivist', email: null }, 'system');
    const revoked = await app.admin.invite({ name: 'Former administrator', email: null }, 'system');
    await app.admin.revoke(revoked.participant.id, 'system');
    // The administrators' log is the organisation's stream; no session yet.
    const organisation = await store.listSessions();

    const refused = async (body: unknown) => {
      const response = await post(body);
      return { status: response.status, ...((await response.json()) as { reason: string }) };
    };
    const tampered = structuredClone(archive);
    (tampered.events[1] as { actorId: string }).actorId = 'someone-else';
    expect(await refused(tampered)).toMatchObject({
      status: 400,
      code: 'INVALID_PAYLOAD',
      reason: 'tampered',
    });
    const partial = structuredClone(archive);
    partial.events.splice(5, 1);
    partial.sha256 = createHash('sha256').update(JSON.stringify(partial.events)).digest('hex');
    expect(await refused(partial)).toMatchObject({ status: 400, reason: 'partial' });
    expect(await refused({ hello: 'world' })).toMatchObject({ status: 400, reason: 'invalid' });
    expect((await post(archive, 'wrong-token')).status).toBe(401);
    expect((await post(archive, revoked.token)).status).toBe(401);
    expect(await store.listSessions()).toEqual(organisation);

    // An administrator's link imports as ADMIN_TOKEN does.
    const imported = await post(archive, administrator.token);
    expect(imported.status).toBe(201);
    const { data } = (await imported.json()) as { data: { sessionId: string; headSeq: number } };
    expect(data.headSeq).toBe(archive.headSeq);
    expect(data.sessionId).not.toBe(source.sessionId);
    const state = await app.commands.state(data.sessionId);
    const original = await source.state();
    expect(JSON.parse(JSON.stringify(state).replaceAll(data.sessionId, source.sessionId))).toEqual(original);
    expect((await store.listSessions()).filter((id) => !organisation.includes(id))).toEqual([data.sessionId]);
  });
});
