import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { demoIndicators, ids, instant, participants, submitReport, type eventLog } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen, inspector, inviteInspector, kilnInspection } from '../../test/stories';
import Minutes from './Minutes';

/** The chair adopts a plan: the first unit accepted (an order to the inspector), the second beyond capacity. */
function adoptedPlan(log: ReturnType<typeof eventLog>): void {
  inviteInspector(log);
  log.add('directive:issued', {
    directiveId: 'dir-plan',
    kind: 'inspection',
    assigneeUnitId: ids.unit,
    subjectUnitId: ids.unit,
    inspectorId: inspector.id,
    title: 'Inspection of North County Cement Works',
    text: null,
    dueDate: '2026-05-15',
    fromCriticismId: null,
    orderedByUnitId: null,
    itemId: null,
  });
  log.add('inspection-plan:adopted', {
    planId: 'plan-1',
    capacity: 1,
    lines: [
      {
        unitId: ids.unit,
        rank: 1,
        score: 32.9,
        reasons: [{ kind: 'under-threshold', weight: 32.9, flag: null, params: { fulfilment: 0.65, threshold: 0.7 } }],
        decision: 'accepted',
        directiveId: 'dir-plan',
      },
      {
        unitId: ids.otherUnit,
        rank: 2,
        score: 15,
        reasons: [{ kind: 'not-verified-recently', weight: 15, flag: null, params: { quarters: 4, lastVerified: '' } }],
        decision: 'beyond-capacity',
        directiveId: null,
      },
    ],
    at: instant(600),
  });
}

/** Each entry of the minutes' inspection plans, in the order read. */
const planEntries = () =>
  within(screen.getByTestId('minutes-inspection-plans'))
    .getAllByRole('listitem')
    .map((item) => item.firstChild?.textContent ?? '');

describe('minutes', () => {
  test('the inspection plans as the PDF holds them: each line with its score, reasons and decision, then its order, findings and verified figures', async () => {
    const before = await renderSession(<Minutes />, participants.chair);
    expect(screen.queryByTestId('minutes-inspection-plans')).toBeNull();
    before.unmount();

    await renderSession(<Minutes />, participants.chair, (log) => {
      adoptedPlan(log);
      log.add('directive:acknowledged', { directiveId: 'dir-plan' }, inspector.id);
      log.add('directive:answered', { directiveId: 'dir-plan', text: 'Kiln logs show 600 t.' }, inspector.id);
      log.add('report:verified', {
        unitId: ids.unit,
        indicatorId: demoIndicators.cement.id,
        verified: 600,
        finding: 'Kiln logs.',
        evidence: null,
      });
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(700) });
    });
    const section = screen.getByTestId('minutes-inspection-plans');
    expect(within(section).getByRole('heading', { level: 2 })).toHaveTextContent(/^Inspection plans$/);
    expect(within(section).getByRole('heading', { level: 3 })).toHaveTextContent(
      /^Plan adopted .+ by Anna Chair, capacity 1$/,
    );
    expect(planEntries()).toEqual([
      '1. North County Cement Works — score 32.9 — Accepted',
      'Under the threshold: Production at 65% of plan, under the 70% threshold.',
      expect.stringMatching(/^Order: Inspection of North County Cement Works, to Ivan Inspector, due .+ — Answered$/),
      'Findings: Kiln logs show 600 t.',
      'Verified: Cement 600 t (reported 650 t)',
      '2. South County Dairy — score 15 — Beyond capacity',
      'Not verified recently',
    ]);
  });

  test('a plan’s reasons are named without their figures until the unit has presented', async () => {
    await renderSession(<Minutes />, participants.chair, adoptedPlan);
    expect(planEntries().slice(0, 3)).toEqual([
      '1. North County Cement Works — score 32.9 — Accepted',
      'Under the threshold',
      expect.stringMatching(/^Order: .+ — Open$/),
    ]);
  });

  test('rehearsal 4: a revision after the notice is named with its unit, indicator and figures before and after', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      // The notice is out and the day open; cement was 650 t of 1,000 t (65 %), under 70 %.
      submitReport(log, [{ ...demoIndicators.cement, reported: 700 }]);
    });
    // The item has not been presented yet: the figures are not in its minutes, the revision is.
    expect(screen.getByTestId('minutes-revised-after-notice')).toHaveTextContent(
      /^North County Cement Works: Cement was revised at .+, after the notice was published: plan 1,000 t, reported 650 t → 700 t, fulfilment 65% → 70%, across the 70% warning threshold\.$/,
    );
  });

  test('rehearsal 8: an item whose topic names its unit is titled without naming it twice', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      log.add('agenda:item-added', {
        item: {
          id: 'item-plan',
          dayId: ids.dayOne,
          unitId: ids.unit,
          topic: 'North County Cement Works — plan and results',
          plannedMinutes: 20,
          warningId: null,
        },
        order: 2,
      });
    });
    const heading = screen.getByTestId('minutes-item-item-plan').querySelector('h3');
    expect(heading).toHaveTextContent(/^3\. North County Cement Works — plan and results$/);
    expect(screen.getByTestId(`minutes-item-${ids.itemOne}`).querySelector('h3')).toHaveTextContent(
      'North County Cement Works — Cement output, Q1',
    );
  });

  test('rehearsal 8: the minutes of a closed session are the minutes, no longer live', async () => {
    const open = await renderSession(<Minutes />, participants.chair);
    expect(screen.getByTestId('minutes-as-of')).toHaveTextContent('Live minutes');
    open.unmount();

    await renderSession(<Minutes />, participants.chair, (log) => {
      log.add('session:closed', { at: instant(5000) });
    });
    expect(screen.getByTestId('minutes-as-of')).toHaveTextContent(/^Minutes of the closed review session/);
    expect(screen.getByTestId('minutes-as-of')).not.toHaveTextContent('Live');
  });

  test('the final record: a day never opened was not held, an item never started was not covered and names no presenter', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      log.add('day:adjourned', { dayId: ids.dayOne, at: instant(3600) });
      log.add('session:closed', { at: instant(3700) });
    });
    expect(screen.getByTestId(`minutes-day-facts-${ids.dayTwo}`)).toHaveTextContent(/^Not held$/);
    const item = screen.getByTestId(`minutes-item-${ids.itemOne}`);
    expect(item).toHaveTextContent('Not covered');
    expect(item).not.toHaveTextContent('Pending');
    expect(item).not.toHaveTextContent('Presented by');
  });

  test('a day opened on a later date than its own says that date with the time', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      log.add('day:adjourned', { dayId: ids.dayOne, at: instant(3600) });
      log.add('day:opened', { dayId: ids.dayTwo, at: instant(19 * 86_400) });
    });
    expect(screen.getByTestId(`minutes-day-facts-${ids.dayOne}`)).toHaveTextContent(/^Adjourned · opened at \d/);
    expect(screen.getByTestId(`minutes-day-facts-${ids.dayTwo}`)).toHaveTextContent(/^Open · opened at Apr 20, /);
  });

  test('a day’s attendance says who was present as the PDF does: the roll call where taken, else a connection', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      for (const participantId of [ids.chair, ids.official, ids.presenter])
        log.add('attendance:connected', { dayId: ids.dayOne, participantId, at: instant(60) });
      log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.official, present: false });
      log.add('attendance:connected', { dayId: ids.dayTwo, participantId: ids.chair, at: instant(86_400) });
      log.add('attendance:connected', { dayId: ids.dayTwo, participantId: ids.presenter, at: instant(86_400) });
    });
    expect(screen.getByTestId(`minutes-attendance-${ids.dayOne}`)).toHaveTextContent(
      /^Attendance: 2 of 4 participants present; 3 of 4 connected\.$/,
    );
    expect(screen.getByTestId(`minutes-attendance-${ids.dayTwo}`)).toHaveTextContent(
      /^Attendance: 2 of 4 participants present; 2 of 4 connected\.$/,
    );
  });

  test('an item presented while its unit’s presenter was marked absent names no presenter', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      log.add('attendance:connected', { dayId: ids.dayOne, participantId: ids.presenter, at: instant(60) });
      log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.presenter, present: false });
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    });
    const item = screen.getByTestId(`minutes-item-${ids.itemOne}`);
    expect(item).toHaveTextContent('Presenting');
    expect(item).not.toHaveTextContent('Presented by');
  });

  test('what was answered and said: an inspector’s findings, an explanation filed, a directive carried over, the speeches, the time given and the verification’s finding', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      inviteInspector(log);
      floorOpen(log);
      criticise(log, 'crit-1');
      kilnInspection(log, 'dir-kilns');
      log.add(
        'directive:answered',
        { directiveId: 'dir-kilns', text: 'Kiln 2 idle for a month; output overstated by 50 t.' },
        ids.presenter,
      );
      log.add('directive:issued', {
        directiveId: 'dir-explain',
        kind: 'explain-failure',
        assigneeUnitId: ids.unit,
        title: 'Explain the cement shortfall',
        text: null,
        dueDate: '2026-05-01',
        fromCriticismId: null,
        orderedByUnitId: null,
        itemId: ids.itemOne,
      });
      log.add('directive:answered', { directiveId: 'dir-explain', text: 'The clinker did not arrive.' }, ids.presenter);
      log.add('directive:carried-over', {
        directive: {
          id: 'dir-carried',
          kind: 'corrective-plan',
          assigneeUnitId: ids.unit,
          title: 'Recover the Q4 shortfall',
          text: null,
          dueDate: '2026-02-15',
          fromCriticismId: null,
          status: 'answered',
          orderedByUnitId: null,
          holderUnitId: ids.unit,
          issuedAt: instant(-90 * 86_400),
          sessionId: 'session-q4',
          steps: [
            {
              action: 'answered',
              unitId: ids.unit,
              toUnitId: ids.unit,
              text: 'A second shift from March.',
              actorId: 'p-former',
              at: instant(-60 * 86_400),
            },
          ],
          earlierNames: { 'p-former': 'Olga Former' },
        },
        fromSessionId: 'session-q4',
      });
      log.add('agenda:time-extended', { itemId: ids.itemOne, minutes: 5 });
      log.add('floor:given', { participantId: ids.official, itemId: ids.itemOne, at: instant(300) });
      log.add('floor:speech-ended', { participantId: ids.official, at: instant(445) });
      log.add(
        'report:verified',
        {
          unitId: ids.unit,
          indicatorId: demoIndicators.cement.id,
          verified: 600,
          finding: 'Kiln logs show 600 t.',
          evidence: null,
        },
        inspector.id,
      );
    });
    const item = screen.getByTestId(`minutes-item-${ids.itemOne}`);
    expect(item).toHaveTextContent('(+5 min given)');
    expect(item).toHaveTextContent(/Speeches.+: .+–.+ \(2:25\)/);
    expect(screen.getByTestId('minutes-directive-dir-kilns')).toHaveTextContent(
      /Answered by .+, .+: Kiln 2 idle for a month; output overstated by 50 t\.$/,
    );
    expect(screen.getByTestId('minutes-directive-dir-explain')).toHaveTextContent(
      /Answered by .+: The clinker did not arrive\.$/,
    );
    expect(screen.getByTestId('minutes-carried-directives')).toHaveTextContent(
      /Recover the Q4 shortfall .+Answered by Olga Former, .+: A second shift from March\.$/,
    );
    expect(screen.getByTestId(`minutes-verifications-${ids.itemOne}`)).toHaveTextContent(
      /^Cement: verified 600 t \(reported 650 t\) — Ivan Inspector, .+: Kiln logs show 600 t\.$/,
    );
  });

  test('a closed item keeps its figures as they stood at its close: earlier verifications listed, a later one marked', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      inviteInspector(log);
      floorOpen(log);
      const verify = (verified: number, finding: string) =>
        log.add(
          'report:verified',
          { unitId: ids.unit, indicatorId: demoIndicators.cement.id, verified, finding, evidence: null },
          inspector.id,
        );
      verify(640, 'First count.');
      verify(620, 'Kiln logs.');
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(log.events.length + 1) });
      verify(600, 'Dispatch notes.');
    });
    const item = screen.getByTestId(`minutes-item-${ids.itemOne}`);
    expect(within(item).getByRole('row', { name: /^Cement/ })).toHaveTextContent(/620 t62%$/);
    // 620 t against 650 t reported is within the 5 % gap; the 600 t found after the close is not, and flags nothing here.
    expect(item).not.toHaveTextContent('Verified below reported');
    const [cement] = within(screen.getByTestId(`minutes-verifications-${ids.itemOne}`)).getAllByRole('listitem');
    expect(cement!.firstChild).toHaveTextContent('Cement: verified 620 t (reported 650 t)');
    expect(cement).toHaveTextContent(/— Ivan Inspector, .+: Kiln logs\./);
    expect(
      within(cement!)
        .getAllByRole('listitem')
        .map((line) => line.textContent),
    ).toEqual([
      expect.stringMatching(/^Earlier verification: 640 t at .+ by Ivan Inspector: First count\.$/),
      expect.stringMatching(/^Verified after the item closed: 600 t at .+ by Ivan Inspector: Dispatch notes\.$/),
    ]);
  });

  test('a criticism hidden and shown again says when, and why; an order’s reassignment is among its steps', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      inviteInspector(log);
      floorOpen(log);
      criticise(log, 'crit-1');
      log.add('criticism:hidden', { criticismId: 'crit-1', reason: 'Personal remarks.' });
      log.add('criticism:unhidden', { criticismId: 'crit-1' });
      kilnInspection(log, 'dir-kilns');
      log.add('directive:reassigned', { directiveId: 'dir-kilns', fromAssigneeId: null, assigneeId: inspector.id });
    });
    const criticism = screen.getByTestId('minutes-criticism-crit-1');
    expect(criticism).toHaveTextContent(
      /Hidden by the chair at .+, shown again at .+: Personal remarks\.Criticism crit-1\./,
    );
    expect(screen.getByTestId('minutes-directive-dir-kilns')).toHaveTextContent(
      /Reassigned by Anna Chair, .+: from nobody to Ivan Inspector\.$/,
    );
  });

  test('the chair’s reason for hiding a criticism is in the chair’s minutes only, as in the downloaded ones', async () => {
    const story = (log: ReturnType<typeof eventLog>) => {
      floorOpen(log);
      criticise(log, 'crit-1');
      criticise(log, 'crit-2');
      log.add('criticism:hidden', { criticismId: 'crit-1', reason: 'Names a person.' });
      log.add('criticism:unhidden', { criticismId: 'crit-1' });
      log.add('criticism:hidden', { criticismId: 'crit-2', reason: 'Off the item.' });
    };
    for (const you of [participants.official, participants.presenter]) {
      const view = await renderSession(<Minutes />, you, story);
      const shown = screen.getByTestId('minutes-criticism-crit-1');
      expect(shown).toHaveTextContent(/Hidden by the chair at .+, shown again at .+\.Criticism crit-1\./);
      expect(shown).not.toHaveTextContent('Names a person');
      const hidden = screen.getByTestId('minutes-criticism-crit-2');
      expect(hidden).toHaveTextContent('Hidden by the chair.');
      expect(hidden).not.toHaveTextContent('Off the item');
      view.unmount();
    }
    await renderSession(<Minutes />, participants.chair, story);
    expect(screen.getByTestId('minutes-criticism-crit-1')).toHaveTextContent(/shown again at .+: Names a person\./);
    expect(screen.getByTestId('minutes-criticism-crit-2')).toHaveTextContent('Hidden by the chair: Off the item.');
  });

  test('a general item is headed by its kind only where that adds to its topic: “Opening”, not “Opening — Opening”', async () => {
    await renderSession(<Minutes />, participants.chair, (log) => {
      log.add('agenda:item-added', {
        item: {
          id: 'item-opening',
          dayId: ids.dayOne,
          unitId: null,
          kind: 'opening',
          topic: 'Opening',
          generatedTopic: { kind: 'opening' },
          plannedMinutes: 10,
          warningId: null,
        },
        order: 0,
      });
      log.add('agenda:item-added', {
        item: {
          id: 'item-budget',
          dayId: ids.dayOne,
          unitId: null,
          kind: 'topic',
          topic: 'Budget for the next quarter',
          plannedMinutes: 10,
          warningId: null,
        },
        order: 3,
      });
    });
    const heading = (itemId: string) => screen.getByTestId(`minutes-item-${itemId}`).querySelector('h3');
    expect(heading('item-opening')).toHaveTextContent(/^\d+\. Opening$/);
    expect(heading('item-budget')).toHaveTextContent(/^\d+\. General topic — Budget for the next quarter$/);
  });
});
