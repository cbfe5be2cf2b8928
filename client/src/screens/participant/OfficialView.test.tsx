import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, directiveToUnit, floorOpen } from '../../test/stories';
import { BigScreen } from '../bigScreen/BigScreen';
import { ParticipantView } from './ParticipantView';

describe('official view', () => {
  test('shows the unit’s figures as a chart with a text alternative, and flags in words', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      floorOpen(log);
      log.add(
        'report:verified',
        { unitId: ids.unit, indicatorId: 'ind-kilns', verified: 2, finding: 'Two kilns cold.', evidence: null },
        ids.official,
      );
    });
    const chart = screen.getByRole('img', {
      name: /Planned, reported and verified figures of North County Cement Works/,
    });
    expect(chart).toHaveAccessibleDescription(/The same figures are in the table below/);
    const table = screen.getByRole('table', { name: /Indicators of North County Cement Works/ });
    expect(within(table).getByRole('rowheader', { name: /Kilns repaired/ })).toHaveTextContent('Flagged (1):');
    expect(screen.getByTestId('report-flags')).toHaveTextContent('Verified below reported');
    // Fulfilment under the threshold says so in words, not in colour alone.
    expect(
      within(table)
        .getByRole('rowheader', { name: /Cement/ })
        .closest('tr'),
    ).toHaveTextContent('65% below threshold');
  });

  test('raises a hand to speak on the item on the floor', async () => {
    const env = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    fireEvent.click(screen.getByTestId('raise-hand'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'floor:raise-hand', payload: {} });
  });

  test('the dashboard loads on demand: ranking against the threshold and overdue directives', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, (log) =>
      directiveToUnit(log, '2020-01-31'),
    );
    fireEvent.click(screen.getByTestId('tab-dashboard'));
    const ranking = await screen.findByTestId('ranking');
    expect(within(ranking).getByRole('img', { name: 'Ranking by production fulfilment' })).toBeInTheDocument();
    expect(ranking).toHaveTextContent('65% below threshold');
    expect(screen.getByTestId('comparison')).toHaveTextContent('State-run');
    const tracked = screen.getByTestId('tracked-directive-dir-1');
    expect(tracked).toHaveAttribute('data-overdue', 'true');
    expect(tracked).toHaveTextContent('Overdue');
    expect(screen.getByTestId('warnings-board')).toHaveTextContent('Proposed (1)');
  });

  test('the minutes list a hidden criticism as hidden by the chair, without the chair’s reason or its text', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1', { text: 'Something personal.' });
      criticise(log, 'crit-2', { text: 'Output is inflated.' });
      log.add('criticism:hidden', { criticismId: 'crit-1', reason: 'Personal remarks' });
      log.add('criticism:ruled', { criticismId: 'crit-2', ruling: 'upheld', note: null });
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) });
    });
    fireEvent.click(screen.getByTestId('tab-minutes'));
    const minutes = await screen.findByTestId('minutes');
    const hidden = within(minutes).getByTestId('minutes-criticism-crit-1');
    expect(hidden).toHaveTextContent('Hidden by the chair.');
    expect(hidden).not.toHaveTextContent('Personal remarks');
    expect(hidden).not.toHaveTextContent('Something personal');
    expect(within(minutes).getByTestId('minutes-criticism-crit-2')).toHaveTextContent('Chair’s ruling: Upheld');
    expect(within(minutes).getByTestId(`minutes-item-${ids.itemOne}`)).toHaveTextContent('Figures (report revision 1)');
    expect(within(minutes).getByTestId(`minutes-item-${ids.itemTwo}`)).not.toHaveTextContent('Figures');
    expect(screen.getByTestId('print-minutes')).toBeInTheDocument();
  });

  test('rehearsal 2: the minutes list an inspection ordered from the Decisions tab under its unit, not under the item on the floor', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      floorOpen(log);
      log.add('directive:issued', {
        directiveId: 'dir-south',
        kind: 'inspection',
        assigneeUnitId: ids.otherUnit,
        title: 'Inspect the dairy herd register',
        text: null,
        dueDate: '2026-05-01',
        fromCriticismId: null,
        orderedByUnitId: null,
        itemId: null,
      });
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) });
    });
    fireEvent.click(screen.getByTestId('tab-minutes'));
    const minutes = await screen.findByTestId('minutes');
    expect(within(minutes).getByTestId(`minutes-item-${ids.itemOne}`)).not.toHaveTextContent('Inspect the dairy');
    const south = within(minutes).getByTestId(`minutes-unit-directives-${ids.otherUnit}`);
    expect(within(south).getByRole('heading', { name: 'South County Dairy' })).toBeInTheDocument();
    expect(within(south).getByTestId('minutes-directive-dir-south')).toHaveTextContent(
      'Inspect the dairy herd register (Inspection) — to South County Dairy',
    );
  });
});

describe('big screen', () => {
  test('shows the most endorsed criticism first, and no controls but the language', async () => {
    await renderSession(<BigScreen />, participants.observer, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1');
      criticise(log, 'crit-2', { author: ids.otherOfficial });
      log.add('criticism:endorsed', { criticismId: 'crit-1', participantId: ids.otherOfficial }, ids.otherOfficial);
    });
    const items = within(screen.getByTestId('criticism-list')).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-testid'))).toEqual(['criticism-crit-1', 'criticism-crit-2']);
    expect(screen.getByRole('heading', { name: /Top criticism/ })).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getAllByRole('combobox')).toEqual([screen.getByTestId('language-switch')]);
  });

  test('rehearsal 9: an official reads the agenda by day, today unfolded, with each item’s status', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) });
      log.add('agenda:item-started', { itemId: ids.itemTwo, startedAt: instant(1000) });
    });
    const overview = screen.getByTestId('agenda-overview');
    expect(within(overview).getByRole('heading', { name: 'Agenda' })).toBeInTheDocument();
    expect(screen.getByTestId(`overview-day-${ids.dayOne}`)).toHaveAttribute('open');
    expect(screen.getByTestId(`overview-day-${ids.dayOne}`)).toHaveTextContent('Day 1');
    expect(screen.getByTestId(`overview-day-${ids.dayOne}`)).toHaveTextContent('1 of 2 done');
    expect(screen.getByTestId(`overview-day-${ids.dayTwo}`)).not.toHaveAttribute('open');
    expect(screen.getByTestId(`overview-item-${ids.itemOne}`)).toHaveTextContent(
      'North County Cement Works — Cement output, Q1',
    );
    expect(screen.getByTestId(`overview-item-${ids.itemOne}`)).toHaveTextContent('Closed');
    expect(screen.getByTestId(`overview-item-${ids.itemTwo}`)).toHaveTextContent('Presenting');
    expect(within(overview).queryAllByRole('button')).toHaveLength(0);
  });

  test('rehearsal 9: before the first item the big screen shows the day, what comes first and its agenda', async () => {
    await renderSession(<BigScreen />, participants.observer);
    expect(screen.getByTestId('big-screen-today')).toHaveTextContent('Today');
    expect(screen.getByTestId('big-screen-today')).toHaveTextContent('Day 1');
    expect(screen.getByTestId('big-screen-first')).toHaveTextContent(
      'First: North County Cement Works — Cement output, Q1',
    );
    expect(within(screen.getByTestId('day-agenda')).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByText('Northern Province Committee · Period 2026-Q1')).toBeInTheDocument();
  });

  test('after the day is adjourned the big screen shows the next sitting and its agenda, not the last item closed', async () => {
    await renderSession(<BigScreen />, participants.observer, (log) => {
      floorOpen(log);
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(300) });
      log.add('day:adjourned', { dayId: ids.dayOne, at: instant(400) });
    });
    expect(screen.queryByTestId('current-item')).not.toBeInTheDocument();
    expect(screen.getByTestId('big-screen-today')).toHaveTextContent('Next sitting');
    expect(screen.getByTestId('big-screen-today')).toHaveTextContent('Day 2');
  });

  test('rehearsal 9: the big screen names each flag with its indicator, not only their number', async () => {
    await renderSession(<BigScreen />, participants.observer, (log) => {
      floorOpen(log);
      log.add(
        'report:verified',
        { unitId: ids.unit, indicatorId: 'ind-kilns', verified: 2, finding: 'Two kilns cold.', evidence: null },
        ids.official,
      );
    });
    expect(screen.getByTestId('key-flags')).toHaveTextContent('Verified below reported: Kilns repaired');
  });
});
