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

  test('a file refused as a whole says why, typed: not a workbook, or a header naming the columns otherwise', async () => {
    const server = await startTestServer();
    const garbage = await upload(
      server,
      'reports/preview',
      server.tokens.chair,
      Buffer.from('not a workbook'),
      xlsxType,
    );
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({
      code: 'INVALID_PAYLOAD',
      preview: { file: { problem: 'unreadable-workbook' } },
    });

    const csv = (await exported(server, 'results.csv')) as string;
    const renamed = csv.replace('Unit id', 'Unit code').replace('Indicator id', 'Indicator code');
    const answer = await upload(server, 'reports/preview', server.tokens.chair, renamed);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      preview: {
        file: {
          problem: 'unrecognised-columns',
          unrecognised: ['Unit code', 'Indicator code'],
          expected: [
            'unitId',
            'indicatorId',
            'indicator',
            'measure',
            'direction',
            'production',
            'weight',
            'planned',
            'reported',
            'previous',
          ],
        },
      },
    });
    // The export's own columns, derived and ignored on import (fulfilment, flags…), are recognised.
    expect((await upload(server, 'reports/preview', server.tokens.chair, csv)).status).toBe(200);
  });

  test('a column mapping names the file’s own headers', async () => {
    const server = await startTestServer();
    const before = await server.state();
    const csv = ((await exported(server, 'results.csv')) as string).replace('Planned', 'Plan');
    const unmapped = await upload(server, 'reports/preview', server.tokens.chair, csv);
    expect(unmapped.body).toMatchObject({
      preview: { file: { problem: 'unrecognised-columns', unrecognised: ['Plan'] } },
    });
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

  test('who may import: the chair, a presenter and an administrator (by link or ADMIN_TOKEN); the other roles, anonymous and another session’s chair are refused', async () => {
    const adminToken = 'automation-token-0123456789abcdef';
    const server = await startTestServer({ adminToken });
    const csv = await exported(server, 'results.csv');
    const state = await server.state();
    const other = await server.app.sessions.createSession(
      { ...state.definition!, title: 'Another review', previousSessionId: null },
      Object.values(state.units),
      'Another chair',
    );
    const statuses: [string, string | undefined, number][] = [
      ['chair', server.tokens.chair, 200],
      // A presenter previews any file; rows of other units come back as errors (see above).
      ['presenter', server.tokens.presenter, 200],
      ['administrator', server.tokens.administrator, 200],
      ['ADMIN_TOKEN', adminToken, 200],
      ['official', server.tokens.official, 403],
      ['inspector', server.tokens.inspector, 403],
      ['observer', server.tokens.observer, 403],
      ['another session’s chair', other.chair.token, 403],
      ['anonymous', undefined, 401],
      ['unknown token', 'not-a-token', 401],
    ];
    for (const [who, token, status] of statuses) {
      expect((await upload(server, 'reports/preview', token, csv)).status, who).toBe(status);
      if (status !== 200) expect((await upload(server, 'reports', token, csv)).status, who).toBe(status);
    }
    expect(revisions(await server.state())).toEqual(revisions(state));
  });

  test('an administrator imports every unit’s rows as the chair does, by link and by ADMIN_TOKEN', async () => {
    const adminToken = 'automation-token-0123456789abcdef';
    const server = await startTestServer({ adminToken });
    const before = await server.state();
    const csv = await exported(server, 'results.csv');
    const preview = dataOf(await upload(server, 'reports', server.tokens.administrator, csv));
    expect(preview.reports.map((r) => r.unitId).sort()).toEqual(Object.keys(before.reports).sort());
    const after = await server.state();
    expect(figures(after)).toEqual(figures(before));
    for (const [unitId, revision] of Object.entries(revisions(before))) {
      expect(after.reports[unitId]!.revision, unitId).toBe(revision + 1);
    }
    dataOf(await upload(server, 'reports', adminToken, csv));
    for (const [unitId, revision] of Object.entries(revisions(after))) {
      expect((await server.state()).reports[unitId]!.revision, unitId).toBe(revision + 1);
    }
  });

  test('a file of several units is applied in one append: when it fails, no unit’s report is in the log', async () => {
    const server = await startTestServer();
    const before = await server.state();
    const csv = await exported(server, 'results.csv');
    const units = Object.keys(before.reports);
    expect(units.length).toBeGreaterThan(1);
    const last = units.at(-1)!;
    // A store fault on whatever append carries the last unit's report.
    const appendBatch = server.store.appendBatch.bind(server.store);
    server.store.appendBatch = (requests) => {
      const carriesLast = requests.some((r) =>
        r.events.some((e) => e.type === 'report:submitted' && e.payload.unitId === last),
      );
      if (carriesLast) return Promise.reject(new Error('disk full'));
      return appendBatch(requests);
    };
    const head = await server.head();
    const failed = await upload(server, 'reports', server.tokens.chair, csv);
    expect(failed.status).toBe(500);
    // Were the units appended one by one, the ones before the last would be in the log now.
    expect(await server.head()).toBe(head);
    expect(revisions(await server.state())).toEqual(revisions(before));

    // Negative control: without the fault the same file applies every unit.
    server.store.appendBatch = appendBatch;
    dataOf(await upload(server, 'reports', server.tokens.chair, csv));
    const after = await server.state();
    for (const unitId of units)
      expect(after.reports[unitId]!.revision, unitId).toBe(before.reports[unitId]!.revision + 1);
  });
});
