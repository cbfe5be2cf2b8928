import type { Command } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoWorld } from '../test/demoWorld.js';
import type { RecordsScope } from './access.js';
import { minutesMarkdown } from './minutes.js';

const scope = (lang: 'en' | 'ko', role: RecordsScope['role'] = 'chair'): RecordsScope => ({
  role,
  unitId: null,
  lang,
  dayId: null,
});

const accept = (unitId: string, inspectorId: string) => ({
  unitId,
  decision: 'accepted' as const,
  title: `Inspection of ${unitId}`,
  inspectorId,
  officeUnitId: null,
  dueDate: '2026-05-15',
  note: null,
});

describe('the inspection plan in the minutes', () => {
  test('each line with its score, reasons and decision; an accepted line with its order, findings and verified figures', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const { chair, inspector } = byRole;
    const withoutPlan = minutesMarkdown(await commands.state(sessionId), scope('en'));
    expect(withoutPlan).not.toContain('Inspection plans');

    const adopt: Command = {
      type: 'inspection-plan:adopt',
      payload: {
        capacity: 2,
        lines: [accept('harbour-fisheries', inspector.id), accept('coal-mine-3', inspector.id)],
      },
    };
    await run(chair, adopt);
    const state = await commands.state(sessionId);
    const fisheriesOrder = state.inspectionPlans[0]!.lines[0]!.directiveId!;
    await run(inspector, { type: 'directive:acknowledge', payload: { directiveId: fisheriesOrder } });
    await run(inspector, {
      type: 'directive:answer',
      payload: { directiveId: fisheriesOrder, text: 'Three harbours of five counted: 1,600 t landed twice.' },
    });
    await run(inspector, {
      type: 'report:verify',
      payload: {
        unitId: 'coal-mine-3',
        indicatorId: 'coal',
        verified: 270_000,
        finding: 'Weighbridge records.',
        evidence: null,
      },
    });
    // The coal mine presents: its reasons' figures enter the minutes; the fisheries' do not yet.
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-3' } });

    const en = minutesMarkdown(await commands.state(sessionId), scope('en'));
    const section = en.slice(en.indexOf('## Inspection plans'));
    expect(section).toMatch(/### Plan adopted 2026-04-13 09:00 by Chair — Northern Province Committee, capacity 2/);
    expect(section).toContain('1. Harbour Fisheries Cooperative — score 92.1 — Accepted');
    expect(section).toContain('2. Northern Coal Mine No. 3 — score 59.4 — Accepted');
    expect(section).toContain('3. Eastfield Cement Plant — score 32.9 — Beyond capacity');
    expect(section).toContain('Findings: Three harbours of five counted: 1,600 t landed twice.');
    expect(section).toContain(`to ${inspector.name}, due 2026-05-15 — Answered`);
    // The plan keeps the reasons it was adopted for; the outcome gives the figures verified since.
    expect(section).toContain('Under the threshold: Production at 62.2% of plan, under the 70% threshold.');
    expect(section).toContain('Verified: Coal extracted 270,000 t (reported 280,000 t)');
    // Not presented yet: the reason is named, its figures are not given.
    expect(section).not.toContain('9,000');
    expect(section).toContain('Overstated report');
    // The order is about the cooperative and assigned to the inspector, answered to the meeting,
    // climbing no line: no holder up the line.
    const order = en.split('\n').find((line) => line.startsWith('| Inspection of harbour-fisheries |'));
    expect(order).toBe(
      `| Inspection of harbour-fisheries | Inspection | Harbour Fisheries Cooperative | ${inspector.name} |  | 2026-05-15 | Answered |  |  |`,
    );

    const ko = minutesMarkdown(await commands.state(sessionId), scope('ko'));
    expect(ko).toContain('## 검사 계획');
    expect(ko).toContain('Harbour Fisheries Cooperative — 점수 92.1 — 채택');
    expect(ko).toContain('기준 미달');

    // The big screen's minutes carry no decisions, and no plan.
    expect(minutesMarkdown(await commands.state(sessionId), scope('en', 'observer'))).not.toContain('Inspection plans');
  });
});
