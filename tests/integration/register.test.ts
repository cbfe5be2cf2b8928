import type { ImportPreview, OrganisationUnit, RegisteredUnit } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { api, dataOf } from '../helpers/api.js';
import { startTestServer } from '../helpers/startTestServer.js';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const header = 'id,name,kind,parentId,ownership,sector,class,region';
const units = '/api/organisations/northern-province/units';

async function registerServer() {
  const server = await startTestServer();
  const first = await server.app.admin.ensureAdministrator();
  const token = first!.token;
  const register = async () =>
    dataOf(await api<{ units: RegisteredUnit[] }>(server.url, units, { token })).units.map((u) => u.unit.id);
  return { server, token, register };
}

describe('the register over REST', () => {
  test('a CSV with one bad row: the preview names its line and column, the apply is refused and applies nothing', async () => {
    const { server, token, register } = await registerServer();
    const before = await register();
    expect(before).toContain('riverside-steel');
    const csv = [
      header,
      'north-dairy,Northern Dairy,enterprise,riverside-city,cooperative,Food,2nd class,Riverside',
      'north-bakery,Northern Bakery,enterprise,riverside-city,collective,Food,,Riverside',
      'north-mill,Northern Mill,enterprise,north-dairy,state,Food,,Riverside',
    ].join('\n');
    const preview = dataOf(
      await api<ImportPreview>(server.url, `${units}/preview`, {
        method: 'POST',
        token,
        body: csv,
        contentType: 'text/csv',
      }),
    );
    expect(preview.valid).toBe(false);
    expect(preview.counts).toEqual({ add: 2, update: 0, unchanged: 0, invalid: 1 });
    const bad = preview.rows.filter((row) => row.errors.length > 0);
    expect(bad.map((row) => [row.line, row.errors.map((e) => e.column)])).toEqual([[3, ['ownership']]]);

    const applied = await api(server.url, units, { method: 'POST', token, body: csv, contentType: 'text/csv' });
    expect(applied.status).toBe(422);
    expect(applied.body).toMatchObject({ code: 'INVALID_PAYLOAD', preview });
    expect(await register()).toEqual(before);

    const fixed = csv.replace('collective', 'cooperative');
    const done = dataOf(
      await api<ImportPreview>(server.url, units, { method: 'POST', token, body: fixed, contentType: 'text/csv' }),
    );
    expect(done.counts).toEqual({ add: 3, update: 0, unchanged: 0, invalid: 0 });
    expect(await register()).toEqual([...before, 'north-dairy', 'north-bakery', 'north-mill']);
  });

  test('an XLSX workbook is read like the CSV, its bad row named by line and column', async () => {
    const { server, token, register } = await registerServer();
    const row = (cells: (string | null)[]) => cells.map((value) => (value === null ? null : { value }));
    const workbook = await writeXlsxFile([
      row(header.split(',')),
      row(['west-county', 'West County', 'county', 'northern-province', 'state', 'Administration', null, 'West']),
      row(['west-farm', 'West Farm', 'farm', 'west-county', 'state', 'Agriculture', null, 'West']),
    ]).toBuffer();
    const preview = dataOf(
      await api<ImportPreview>(server.url, `${units}/preview`, {
        method: 'POST',
        token,
        body: workbook,
        contentType: xlsx,
      }),
    );
    expect(preview.rows.map((r) => [r.line, r.effect, r.errors.map((e) => e.column)])).toEqual([
      [2, 'add', []],
      [3, null, ['kind']],
    ]);
    const fixed = await writeXlsxFile([
      row(header.split(',')),
      row(['west-county', 'West County', 'county', 'northern-province', 'state', 'Administration', null, 'West']),
    ]).toBuffer();
    const applied = dataOf(
      await api<ImportPreview>(server.url, units, { method: 'POST', token, body: fixed, contentType: xlsx }),
    );
    expect(applied.counts.add).toBe(1);
    expect(await register()).toContain('west-county');
    const garbage = await api(server.url, `${units}/preview`, {
      method: 'POST',
      token,
      body: Buffer.from('not a workbook'),
      contentType: xlsx,
    });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ code: 'INVALID_PAYLOAD' });
  });

  test('a file refused as a whole says why, typed: not a workbook, no unit, a header with other columns or none', async () => {
    const { server, token, register } = await registerServer();
    const before = await register();
    const post = (path: string, body: string | Buffer, contentType = 'text/csv') =>
      api(server.url, path, { method: 'POST', token, body, contentType });
    const notWorkbook = await post(`${units}/preview`, Buffer.from('not a workbook'), xlsx);
    expect(notWorkbook.status).toBe(400);
    expect(notWorkbook.body).toMatchObject({
      code: 'INVALID_PAYLOAD',
      preview: { file: { problem: 'unreadable-workbook' } },
    });
    expect((await post(`${units}/preview`, `${header}\n`)).body).toMatchObject({
      preview: { file: { problem: 'no-rows' } },
    });

    const expected = header.split(',');
    const renamed = [
      'code,title,type,parent,ownership,sector,class,region',
      'north-dairy,Northern Dairy,enterprise,riverside-city,cooperative,Food,,Riverside',
      'north-mill,Northern Mill,enterprise,riverside-city,state,Food,,Riverside',
    ].join('\n');
    for (const path of [`${units}/preview`, units]) {
      const answer = await post(path, renamed);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        code: 'INVALID_PAYLOAD',
        preview: {
          file: { problem: 'unrecognised-columns', unrecognised: ['code', 'title', 'type', 'parent'], expected },
        },
      });
    }
    // The optional parent named otherwise would put every unit at the top: refused too.
    const parent = await post(`${units}/preview`, renamed.replace('code,title,type', 'id,name,kind'));
    expect(parent.body).toMatchObject({
      preview: { file: { problem: 'unrecognised-columns', unrecognised: ['parent'] } },
    });
    const headerless = await post(`${units}/preview`, renamed.split('\n').slice(1).join('\n'));
    expect(headerless.body).toMatchObject({
      preview: {
        file: { problem: 'unrecognised-columns', unrecognised: renamed.split('\n')[1]!.split(',').filter(Boolean) },
      },
    });
    expect(await register()).toEqual(before);
  });

  test('a unit is added, edited, moved, never under itself or its own, and retired with its history kept', async () => {
    const { server, token } = await registerServer();
    const list = async () => dataOf(await api<{ units: RegisteredUnit[] }>(server.url, units, { token })).units;
    const steel = (await list()).find((u) => u.unit.id === 'riverside-steel')!.unit;
    const put = (unit: OrganisationUnit) =>
      api(server.url, `${units}/${unit.id}`, { method: 'PUT', token, body: unit });

    const added = await put({ ...steel, id: 'riverside-forge', name: 'Riverside Forge' });
    expect(added.status).toBe(201);
    const renamed = { ...steel, name: 'Riverside Steel Works No. 1' };
    expect((await put(renamed)).status).toBe(200);
    expect((await put({ ...renamed, parentId: 'eastfield-county' })).status).toBe(200);
    const province = (await list()).find((u) => u.unit.id === 'northern-province')!.unit;
    const cycle = await put({ ...province, parentId: 'eastfield-county' });
    expect(cycle.status).toBe(409);
    expect(cycle.body).toMatchObject({ code: 'CONFLICT' });

    const retired = await api(server.url, `${units}/riverside-forge/retire`, { method: 'POST', token });
    expect(retired.status).toBe(200);
    const again = await api(server.url, `${units}/riverside-forge/retire`, { method: 'POST', token });
    expect(again.status).toBe(409);
    const underRetired = await put({ ...steel, id: 'forge-shop', name: 'Forge shop', parentId: 'riverside-forge' });
    expect(underRetired.status).toBe(409);
    const after = await list();
    expect(after.find((u) => u.unit.id === 'riverside-forge')?.retiredAt).not.toBeNull();
    expect(after.find((u) => u.unit.id === 'riverside-steel')?.unit).toMatchObject({
      name: 'Riverside Steel Works No. 1',
      parentId: 'eastfield-county',
    });
  });

  test('another organisation’s register is not found', async () => {
    const { server, token } = await registerServer();
    const other = await api(server.url, '/api/organisations/elsewhere/units', { token });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
