import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { demoIndicators, ids, instant, participants, submitReport } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { ReportFigures } from './ReportFigures';

describe('report figures with lower-is-better indicators', () => {
  test('tag a ceiling, count coming in under it as fulfilment, and explain their flags', async () => {
    await renderSession(<ReportFigures unitId={ids.unit} showFlags />, participants.official, (log) => {
      submitReport(log, [
        { id: 'ind-cement', name: 'Cement', measure: 't', planned: 1000, reported: 650 },
        {
          id: 'ind-fuel',
          name: 'Fuel burnt',
          measure: 't',
          planned: 100,
          reported: 80,
          previous: 200,
          isProduction: true,
          direction: 'lower-is-better',
        },
        {
          id: 'ind-scrap',
          name: 'Scrap',
          measure: 't',
          planned: 50,
          reported: 40,
          direction: 'lower-is-better',
        },
      ]);
      log.add(
        'report:verified',
        { unitId: ids.unit, indicatorId: 'ind-scrap', verified: 60, finding: 'Scrap bins full.', evidence: null },
        ids.official,
      );
    });
    const table = screen.getByRole('table', { name: /Indicators of North County Cement Works/ });
    const row = (name: string) =>
      within(table)
        .getByRole('rowheader', { name: new RegExp(name) })
        .closest('tr')!;

    expect(within(row('Fuel burnt')).getByText('lower is better')).toBeInTheDocument();
    expect(within(row('Cement')).queryByText('lower is better')).not.toBeInTheDocument();
    // 80 spent against a ceiling of 100 is 125 %, and being the production indicator it is not below threshold.
    expect(row('Fuel burnt')).toHaveTextContent('125%');
    expect(row('Fuel burnt')).not.toHaveTextContent('below threshold');
    expect(screen.getByText('Production fulfilment').nextElementSibling).toHaveTextContent('125%');
    // Scrap verified at 60 against 40 reported: the report looked 20 t better than it was.
    expect(row('Scrap')).toHaveTextContent('20 t');

    const flags = screen.getByTestId('report-flags');
    expect(flags).toHaveTextContent(
      'Verified above reported: Scrap was reported at 40 t, but the inspector verified 60 t: 33.3% understated, over the 5% threshold.',
    );
    expect(flags).toHaveTextContent(
      'Drop against the previous period: Fuel burnt was reported at 80 t against 200 t in the previous period: ' +
        'a fall by a factor of 2.5, more than the factor of 1.5 the session allows without question.',
    );
  });

  test('a production ceiling overrun beyond the threshold is below it', async () => {
    await renderSession(<ReportFigures unitId={ids.unit} />, participants.official, (log) => {
      submitReport(log, [
        {
          id: 'ind-fuel',
          name: 'Fuel burnt',
          measure: 't',
          planned: 100,
          reported: 150,
          isProduction: true,
          direction: 'lower-is-better',
        },
      ]);
    });
    const table = screen.getByRole('table', { name: /Indicators of North County Cement Works/ });
    expect(
      within(table)
        .getByRole('rowheader', { name: /Fuel burnt/ })
        .closest('tr'),
    ).toHaveTextContent('66.7% below threshold');
  });

  test('rehearsal 8: a revision while the unit is still presenting is not said to come after it presented', async () => {
    await renderSession(<ReportFigures unitId={ids.unit} showFlags />, participants.official, (log) => {
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(1) });
      submitReport(log, [{ ...demoIndicators.cement, reported: 700 }, demoIndicators.kilns]);
    });
    const flag = within(screen.getByTestId('report-flags'))
      .getByText(/was changed from/)
      .closest('li');
    expect(flag).toHaveTextContent('Revised once presenting began');
    expect(flag).toHaveTextContent('after the unit had begun presenting');
    expect(flag).not.toHaveTextContent('after the unit had presented');
  });
});

describe('report figures with a verified figure', () => {
  test('rehearsal 3: a material reporting gap is flagged on paper whatever the plan, and says why', async () => {
    await renderSession(<ReportFigures unitId={ids.unit} showFlags />, participants.official, (log) => {
      submitReport(log, [
        {
          id: 'coal',
          name: 'Coal',
          measure: 't',
          planned: 450_000,
          reported: 280_000,
          isProduction: true,
        },
      ]);
      log.add(
        'report:verified',
        { unitId: ids.unit, indicatorId: 'coal', verified: 241_500, finding: 'Weighbridge.', evidence: null },
        ids.official,
      );
    });
    const row = screen.getByRole('rowheader', { name: /Coal/ }).closest('tr')!;
    expect(row).toHaveAttribute('data-flagged', 'true');
    expect(screen.getByTestId('report-flags')).toHaveTextContent(
      'Verified below reported: Coal was reported at 280,000 t, but the inspector verified 241,500 t: ' +
        '13.8% overstated, over the 5% threshold.',
    );
  });
});

describe('report figures after a revision', () => {
  test('rehearsal 4: a revision after the notice across the warning threshold shows fulfilment before → after', async () => {
    await renderSession(<ReportFigures unitId={ids.unit} showFlags />, participants.official, (log) => {
      // The demo's notice is out and the day open; cement was 650 t of 1,000 t (65 %).
      submitReport(log, [{ ...demoIndicators.cement, reported: 700 }, demoIndicators.kilns]);
    });
    const row = screen.getByRole('rowheader', { name: /Cement/ }).closest('tr')!;
    expect(row).toHaveAttribute('data-flagged', 'true');
    expect(within(row).getByTestId('revision')).toHaveTextContent('revised after the notice: 65% → 70%');
    const flag = within(screen.getByTestId('report-flags'))
      .getByText(/Cement was revised at/)
      .closest('li')!;
    expect(flag).toHaveAttribute('data-kind', 'revised-after-notice');
    expect(flag).toHaveTextContent(
      /after the notice was published: plan 1,000 t, reported 650 t → 700 t, fulfilment 65% → 70%, across the 70% warning threshold\./,
    );
  });
});
