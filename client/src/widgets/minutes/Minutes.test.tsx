import { screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { demoIndicators, ids, instant, participants, submitReport } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import Minutes from './Minutes';

describe('minutes', () => {
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
});
