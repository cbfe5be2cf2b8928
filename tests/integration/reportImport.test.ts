import type { ReportImportPreview, SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { joinSession } from '../helpers/joinSession.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Each unit's figures as its report holds them: what a round trip must keep. */
function figures(state: SessionState) {
  return Object.fromEntries(
    Object.entries(state.reports).map(([unitId, report]) => [
      unitId,
      report.indicators.map((i) => ({
        id: i.id,
        name: i.name,
        measure: i.measure,
        direction: i.direction,
        isProduction: i.isProduction,
        weight: i.weight,
        planned: i.planned,
        reported: i.reported,
        previous: i.previous,
        partOf: i.partOf,
      })),
    ]),
  );
}

const revisions = (state: SessionState) =>
  Object.fromEntries(Object.entries(state.reports).map(([unitId, r]) => [unitId, r.revision]));

async function exported(server: TestServer, file: string): Promise<string | Buffer> {
  const response = await fetch(`${server.url}/api/sessions/${server.sessionId}/${file}`, {
    headers: { authorization: `Bearer ${server.tokens.chair}` },
  });
  expect(response.status).toBe(200);
  return file.includes('.xlsx') ? Buffer.from(await response.arrayBuffer()) : await response.text();
}

function upload(
  server: TestServer,
  path: string,
  token: string | undefined,
  body: string | Buffer,
  contentType = 'text/csv',
) {
  return api<ReportImportPreview>(server.url, `/api/sessions/${server.sessionId}/${path}`, {
    method: 'POST',
    token,
    body,
    contentType,
  });
}

describe('import of plans and results', () => {
  test('results.csv exported and imported by the chair gives identical reports, submitted through the command pipeline to open screens, once per file', async () => {
    const server = await startTestServer();
    const before = await server.state();
    expect(Object.keys(before.reports).length).toBeGreaterThan(1);
    const csv = await exported(server, 'results.csv');

    const preview = dataOf(await upload(server, 'reports/preview', server.tokens.chair, csv));
    expect(preview.valid).toBe(true);
    expect(preview.rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(preview.reports.map((r) => r.unitId).sort()).toEqual(Object.keys(before.reports).sort());
    expect(revisions(await server.state())).toEqual(revisions(before));

    const observer = await server.connect('observer');
    await joinSession(observer, server.sessionId);
    const seen = waitForEvent(observer, 'session:events', (m) => m.events.some((e) => e.type === 'report:submitted'));
    dataOf(await upload(server, 'reports', server.tokens.chair, csv));
    await seen;
    const after = await server.state();
    expect(figures(after)).toEqual(figures(before));
    for (const [unitId, revision] of Object.entries(revisions(before))) {
      expect(after.reports[unitId]!.revision, unitId).toBe(revision + 1);
    }

    // The same file again submits nothing twice.
    dataOf(await upload(server, 'reports', server.tokens.chair, csv));
    expect(revisions(await server.state())).toEqual(revisions(after));
  });

  test('results.xlsx in Korean imports to identical reports, and a changed figure is applied', async () => {
    const server = await startTestServer();
    const before = await server.state();
    const xlsx = await exported(server, 'results.xlsx?lang=ko');
    dataOf(await upload(server, 'reports', server.tokens.chair, xlsx, xlsxType));
    expect(figures(await server.state())).toEqual(figures(before));

    const csv = (await exported(server, 'results.csv')) as string;
    const [header, first, ...rest] = csv.split('\n');
    const columns = header!.replace(/^\uFEFF/, '').split(',');
    const cells = first!.split(',');
    const reported = columns.indexOf('Reported');
    cells[reported] = '4321';
    dataOf(await upload(server, 'reports', server.tokens.chair, [header, cells.join(','), ...rest].join('\n')));
    const unitId = cells[columns.indexOf('Unit id')]!;
    const indicatorId = cells[columns.indexOf('Indicator id')]!;
    const changed = (await server.state()).reports[unitId]!.indicators.find((i) => i.id === indicatorId)!;
    expect(changed.reported).toBe(4321);
  });

  test('a column mapping names the file’s own headers', async () => {
    const server = await startTestServer();
    const before = await server.state();
    const csv = ((await exported(server, 'results.csv')) as string).replace('Planned', 'Plan');
    const unmapped = dataOf(await upload(server, 'reports/preview', server.tokens.chair, csv));
    expect(unmapped.valid).toBe(false);
    expect(unmapped.rows[0]!.errors).toContainEqual(
      expect.objectContaining({ column: 'Planned', problem: 'required' }),
    );
    const map = encodeURIComponent(JSON.stringify({ planned: 'plan' }));
    dataOf(await upload(server, `reports?map=${map}`, server.tokens.chair, csv));
    expect(figures(await server.state())).toEqual(figures(before));
  });

  test('a file with a bad row changes nothing and names the row and the column', async () => {
    const server = await startTestServer();
    const before = await server.state();
    const csv = (await exported(server, 'results.csv')) as string;
    const lines = csv.split('\n');
    const columns = lines[0]!.replace(/^\uFEFF/, '').split(',');
    const cells = lines[2]!.split(',');
    cells[columns.indexOf('Planned')] = 'lots';
    lines[2] = cells.join(',');

    const answer = await upload(server, 'reports', server.tokens.chair, lines.join('\n'));
    expect(answer.status).toBe(422);
    const preview = (answer.body as { preview: ReportImportPreview }).preview;
    expect(preview.valid).toBe(false);
    const bad = preview.rows.filter((r) => r.errors.length > 0);
    expect(bad.map((r) => r.line)).toEqual([3]);
    expect(bad[0]!.errors).toEqual([expect.objectContaining({ column: 'Planned', problem: 'invalid-format' })]);
    expect(revisions(await server.state())).toEqual(revisions(before));
    expect(figures(await server.state())).toEqual(figures(before));
  });

  test('a presenter imports their own unit’s rows only; another unit’s row is refused for that row', async () => {
    const server = await startTestServer();
    const before = await server.state();
    const presenter = Object.values(before.participants).find(
      (p) => p.role === 'presenter' && p.name.includes('Eastfield'),
    );
    const own = presenter!.unitId!;
    expect(before.reports[own]).toBeDefined();
    const csv = (await exported(server, 'results.csv')) as string;
    const [header, ...body] = csv.trimEnd().split('\n');
    const unitColumn = header!
      .replace(/^\uFEFF/, '')
      .split(',')
      .indexOf('Unit id');
    const isOwn = (line: string) => line.split(',')[unitColumn] === own;

    const refused = await upload(server, 'reports', server.tokens.presenter, csv);
    expect(refused.status).toBe(422);
    const preview = (refused.body as { preview: ReportImportPreview }).preview;
    for (const row of preview.rows) {
      if (row.unitId === own) expect(row.errors).toEqual([]);
      else expect(row.errors).toEqual([expect.objectContaining({ column: 'Unit id', problem: 'not-your-unit' })]);
    }
    expect(revisions(await server.state())).toEqual(revisions(before));

    // Negative control: the same presenter with their own unit's rows only is applied.
    dataOf(await upload(server, 'reports', server.tokens.presenter, [header, ...body.filter(isOwn)].join('\n')));
    expect((await server.state()).reports[own]!.revision).toBe(before.reports[own]!.revision + 1);
  });

  test('anonymous tokens, another session’s chair, an observer and an administrator are refused', async () => {
    const server = await startTestServer();
    const csv = await exported(server, 'results.csv');
    expect((await upload(server, 'reports', undefined, csv)).status).toBe(401);
    expect((await upload(server, 'reports', 'not-a-token', csv)).status).toBe(401);
    const state = await server.state();
    const other = await server.app.sessions.createSession(
      { ...state.definition!, title: 'Another review' },
      Object.values(state.units),
      'Another chair',
    );
    expect((await upload(server, 'reports/preview', other.chair.token, csv)).status).toBe(403);
    // Those who do not submit reports: an observer, and an administrator (the permissions give report:submit to the chair and presenters).
    expect((await upload(server, 'reports/preview', server.tokens.observer, csv)).status).toBe(403);
    expect((await upload(server, 'reports/preview', server.tokens.administrator, csv)).status).toBe(403);
    expect(revisions(await server.state())).toEqual(revisions(state));
    // Negative control: the session's own chair is let in.
    expect((await upload(server, 'reports/preview', server.tokens.chair, csv)).status).toBe(200);
  });
});
