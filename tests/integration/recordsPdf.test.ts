import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { criticismIdsFrom, ranking } from '@plenum/shared';
import { describe, expect, onTestFinished, test } from 'vitest';
import { closeItem, openFloor, postCriticism, sendOk, startItem } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { startTestServer } from '../helpers/startTestServer.js';

const run = promisify(execFile);

/** Whether poppler's tools are here; `.ci/run` installs them, so CI never skips. */
async function hasPoppler(): Promise<boolean> {
  try {
    await run('pdftotext', ['-v']);
    return true;
  } catch {
    return false;
  }
}
const poppler = await hasPoppler();
if (!poppler && process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is required under CI=true');

describe.skipIf(!poppler)('minutes as PDF', () => {
  test('the text holds the headings, every unit, figures, a flag reason, a ruling and the charts’ labels; Korean with ?lang=ko; the pages render', async () => {
    const server = await startTestServer();
    const [chair, official, inspector] = await Promise.all([
      server.connect('chair'),
      server.connect('official'),
      server.connect('inspector'),
    ]);
    await Promise.all([chair, official, inspector].map((s) => joinSession(s, server.sessionId)));
    await sendOk(inspector, server.sessionId, {
      type: 'report:verify',
      payload: {
        unitId: 'riverside-steel',
        indicatorId: 'rolled',
        verified: 70_000,
        finding: 'Returns counted.',
        evidence: null,
      },
    });
    await sendOk(chair, server.sessionId, startItem('item-2'));
    await sendOk(chair, server.sessionId, openFloor('item-2'));
    await sendOk(official, server.sessionId, postCriticism('item-2', { text: 'Rolled steel counted twice.' }));
    const [criticismId] = criticismIdsFrom(await server.state());
    await sendOk(chair, server.sessionId, {
      type: 'criticism:rule',
      payload: { criticismId: criticismId!, ruling: 'upheld', note: null },
    });
    await sendOk(chair, server.sessionId, closeItem('item-2'));

    const dir = await mkdtemp(join(tmpdir(), 'plenum-pdf-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const fetchPdf = async (lang: string) => {
      const response = await fetch(`${server.url}/api/sessions/${server.sessionId}/minutes.pdf?lang=${lang}`, {
        headers: { authorization: `Bearer ${server.tokens.chair}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const file = join(dir, `minutes.${lang}.pdf`);
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      return file;
    };

    const english = await fetchPdf('en');
    const { stdout: text } = await run('pdftotext', ['-layout', english, '-']);
    const flat = text.replace(/\s+/g, ' ');
    for (const heading of [
      'Minutes: Northern Province',
      'Contents',
      'Attendance',
      'Results by unit',
      'Directives',
      'Warnings',
      'Ranking against the 70% threshold',
      // The charts beside the comparison and ranking tables, with their threshold line and legend.
      'Average fulfilment by group',
      'Production fulfilment by unit',
      '⚠ under the threshold',
      '┆ threshold 70%',
    ]) {
      expect(flat).toContain(heading);
    }
    const state = await server.state();
    for (const unitId of state.unitOrder.filter((id) => state.reports[id])) {
      expect(flat).toContain(state.units[unitId]!.name);
    }
    // A unit under the threshold is marked with a sign in the ranking's chart, not by colour alone.
    const under = ranking(state).filter((s) => s.isUnderThreshold);
    expect(under.length).toBeGreaterThan(0);
    for (const standing of under) expect(flat).toContain(`⚠ ${standing.unit.name}`);
    expect(flat).toContain('120,000');
    expect(flat).toContain('Rolled products was reported at 84,500 t, but the inspector verified 70,000 t');
    expect(flat).toContain('Ruling: Upheld');
    // The footer names the head and its chain hash, the one the store keeps for that event. Read in
    // the order the page draws its text (-raw), the footer's sentence stays whole even where the hash
    // wraps: -layout may set the page number ("1 / 5") anywhere among its lines.
    const { stdout: firstPage } = await run('pdftotext', ['-raw', '-f', '1', '-l', '1', english, '-']);
    const footer = /up to event (\d+), whose chain hash is ([0-9a-f]{64})\. Times are UTC\./.exec(
      firstPage
        .replace(/\s+/g, ' ')
        .replace(/hash is ([0-9a-f ]+)\./, (_, digits: string) => `hash is ${digits.replace(/ /g, '')}.`),
    );
    expect(footer, firstPage).not.toBeNull();
    expect(flat).toMatch(/ 1 ?\/ ?\d+ /);
    const [headLink] = await server.store.readChain(server.sessionId, Number(footer![1]) - 1, 1);
    expect(footer![2]).toBe(headLink!.hash);

    const korean = await fetchPdf('ko');
    const { stdout: koText } = await run('pdftotext', [korean, '-']);
    expect(koText).toContain('단위별 실적');
    expect(koText).toContain('회의록');
    expect(koText).toContain('단위별 생산 달성률');
    expect(koText).toContain('⚠ 기준 미달');

    // The font comes with the server's npm packages, embedded (a subset of the glyphs used).
    const { stdout: fonts } = await run('pdffonts', [korean]);
    expect(fonts).toMatch(/NotoSansKR-Regular\s.*\syes\s+yes\s/);

    const { stdout: info } = await run('pdfinfo', [english]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    await run('pdftoppm', ['-png', '-r', '30', english, join(dir, 'page')]);
    expect((await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png'))).toHaveLength(pages);
  });
});
