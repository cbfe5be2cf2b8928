import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ids } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { inspector, inviteInspector } from '../../test/stories';
import { ParticipantView } from '../participant/ParticipantView';

describe('inspector verification', () => {
  test('records a verified value with the finding and evidence, and the flags update', async () => {
    const env = await renderSession(<ParticipantView role="inspector" />, inspector, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-verify'));
    const form = await screen.findByTestId('verify-form');
    expect(within(form).getByTestId('verify-unit')).toHaveValue(ids.unit);
    fireEvent.change(within(form).getByTestId('verify-indicator'), { target: { value: 'ind-kilns' } });
    expect(form).toHaveTextContent('Planned 4 units, reported 4 units, verified not yet.');
    fireEvent.change(within(form).getByLabelText('Verified value (units)'), { target: { value: '3' } });
    fireEvent.change(within(form).getByLabelText('Finding'), { target: { value: 'One kiln still cold.' } });
    fireEvent.change(within(form).getByLabelText('Evidence (optional)'), { target: { value: 'Site visit, 2 April.' } });
    fireEvent.click(within(form).getByTestId('verify-submit'));
    const sent = await env.nextCommand();
    const payload = {
      unitId: ids.unit,
      indicatorId: 'ind-kilns',
      verified: 3,
      finding: 'One kiln still cold.',
      evidence: 'Site visit, 2 April.',
    };
    expect(sent.command).toEqual({ type: 'report:verify', payload });
    expect(screen.getByTestId('report-flags')).toHaveTextContent('0 flags');

    await env.accept(sent.ask, env.log.add('report:verified', payload, inspector.id));
    const flags = screen.getByTestId('report-flags');
    expect(flags).toHaveTextContent('1 flag');
    expect(flags).toHaveTextContent(
      'Verified below reported: Kilns repaired was reported at 4 units, but the inspector verified 3 units: 25% overstated, over the 5% threshold.',
    );
    expect(screen.getByText('Recorded: Kilns repaired verified at 3 units.')).toBeInTheDocument();
    expect(screen.getByText('Inspection findings')).toBeInTheDocument();
  });

  test('a verified value and a finding are required, each asked for by name', async () => {
    const env = await renderSession(<ParticipantView role="inspector" />, inspector, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-verify'));
    const form = await screen.findByTestId('verify-form');
    fireEvent.click(within(form).getByTestId('verify-submit'));
    expect(within(form).getByRole('alert')).toHaveTextContent('Write the verified value.');
    fireEvent.change(within(form).getByTestId('verify-value'), { target: { value: '600' } });
    fireEvent.click(within(form).getByTestId('verify-submit'));
    expect(within(form).getByRole('alert')).toHaveTextContent('Write the finding');
    expect(env.sentCommands()).toBe(0);
  });

  test('a verified value is checked as a report figure is, with the same words, before it is sent', async () => {
    const env = await renderSession(<ParticipantView role="inspector" />, inspector, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-verify'));
    const form = await screen.findByTestId('verify-form');
    fireEvent.change(within(form).getByTestId('verify-indicator'), { target: { value: 'ind-kilns' } });
    fireEvent.change(within(form).getByLabelText('Finding'), { target: { value: 'Counted on site.' } });
    const value = within(form).getByTestId('verify-value');
    const submitWith = (text: string) => {
      fireEvent.change(value, { target: { value: text } });
      fireEvent.click(within(form).getByTestId('verify-submit'));
    };
    submitWith('-5');
    expect(within(form).getByRole('alert')).toHaveTextContent('The verified value must be a number, 0 or more.');
    submitWith('99999999999999999');
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'The verified value must be at most 1,000,000,000,000,000.',
    );
    submitWith('0.0000001');
    expect(within(form).getByRole('alert')).toHaveTextContent('The verified value is above 0 but below 0.000001');
    submitWith('abc');
    expect(within(form).getByRole('alert')).toHaveTextContent('The verified value must be a number, 0 or more.');
    expect(env.sentCommands()).toBe(0);
  });

  test('says how a number typed another way was read', async () => {
    await renderSession(<ParticipantView role="inspector" />, inspector, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-verify'));
    const form = await screen.findByTestId('verify-form');
    fireEvent.change(within(form).getByTestId('verify-indicator'), { target: { value: 'ind-kilns' } });
    const value = within(form).getByTestId('verify-value');
    fireEvent.change(value, { target: { value: '３' } });
    expect(within(form).getByTestId('verify-read-as')).toHaveTextContent('Read as 3 units.');
    fireEvent.change(value, { target: { value: '3' } });
    expect(within(form).queryByTestId('verify-read-as')).toBeNull();
  });

  test('asks before recording a value more than ten times, or under a tenth of, the reported one', async () => {
    const env = await renderSession(<ParticipantView role="inspector" />, inspector, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-verify'));
    const form = await screen.findByTestId('verify-form');
    fireEvent.change(within(form).getByTestId('verify-indicator'), { target: { value: 'ind-kilns' } });
    fireEvent.change(within(form).getByLabelText('Finding'), { target: { value: 'Counted on site.' } });
    fireEvent.change(within(form).getByTestId('verify-value'), { target: { value: '1e9' } });
    fireEvent.click(within(form).getByTestId('verify-submit'));
    const dialog = screen.getByTestId('verify-far-dialog');
    expect(dialog).toHaveTextContent('1,000,000,000 units is 250,000,000 times the reported 4 units: record it?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(env.sentCommands()).toBe(0);

    fireEvent.change(within(form).getByTestId('verify-value'), { target: { value: '0' } });
    fireEvent.click(within(form).getByTestId('verify-submit'));
    expect(screen.getByTestId('verify-far-dialog')).toHaveTextContent(
      '0 units is 0% of the reported 4 units: record it?',
    );
    fireEvent.click(within(screen.getByTestId('verify-far-dialog')).getByRole('button', { name: 'Record it' }));
    const sent = await env.nextCommand();
    expect(sent.command).toMatchObject({ type: 'report:verify', payload: { indicatorId: 'ind-kilns', verified: 0 } });

    // Within ten times either way: no question.
    const zero = {
      unitId: ids.unit,
      indicatorId: 'ind-kilns',
      verified: 0,
      finding: 'Counted on site.',
      evidence: null,
    };
    await env.accept(sent.ask, env.log.add('report:verified', zero, inspector.id));
    fireEvent.change(within(form).getByLabelText('Finding'), { target: { value: 'Counted again.' } });
    fireEvent.change(within(form).getByTestId('verify-value'), { target: { value: '40' } });
    fireEvent.click(within(form).getByTestId('verify-submit'));
    expect(screen.queryByTestId('verify-far-dialog')).toBeNull();
    expect((await env.nextCommand()).command).toMatchObject({ payload: { verified: 40 } });
  });

  test('a problem found after a value was recorded replaces the word that it was', async () => {
    const env = await renderSession(<ParticipantView role="inspector" />, inspector, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-verify'));
    const form = await screen.findByTestId('verify-form');
    fireEvent.change(within(form).getByTestId('verify-indicator'), { target: { value: 'ind-kilns' } });
    fireEvent.change(within(form).getByTestId('verify-value'), { target: { value: '3' } });
    fireEvent.change(within(form).getByLabelText('Finding'), { target: { value: 'One kiln still cold.' } });
    fireEvent.click(within(form).getByTestId('verify-submit'));
    const sent = await env.nextCommand();
    const three = {
      unitId: ids.unit,
      indicatorId: 'ind-kilns',
      verified: 3,
      finding: 'One kiln still cold.',
      evidence: null,
    };
    await env.accept(sent.ask, env.log.add('report:verified', three, inspector.id));
    expect(screen.getByText('Recorded: Kilns repaired verified at 3 units.')).toBeInTheDocument();

    fireEvent.change(within(form).getByTestId('verify-value'), { target: { value: '-5' } });
    fireEvent.change(within(form).getByLabelText('Finding'), { target: { value: 'Recount.' } });
    fireEvent.click(within(form).getByTestId('verify-submit'));
    expect(within(form).getByRole('alert')).toHaveTextContent('The verified value must be a number, 0 or more.');
    expect(screen.queryByText(/^Recorded:/)).toBeNull();
  });

  test('rehearsal 10: lists the open inspection orders assigned to the inspector, overdue first and marked, and acknowledges one', async () => {
    const order = (directiveId: string, dueDate: string, changes: Record<string, unknown> = {}) => ({
      directiveId,
      kind: 'inspection' as const,
      assigneeUnitId: ids.unit,
      subjectUnitId: ids.unit,
      inspectorId: inspector.id,
      title: `Order ${directiveId}`,
      text: 'Count the kilns in service.',
      dueDate,
      fromCriticismId: null,
      orderedByUnitId: 'unit-region',
      itemId: null,
      ...changes,
    });
    const env = await renderSession(<ParticipantView role="inspector" />, inspector, (log) => {
      inviteInspector(log);
      log.add('unit:added', {
        unit: {
          id: 'unit-region',
          name: 'Region Committee',
          kind: 'province',
          parentId: null,
          ownership: 'state',
          sector: 'Administration',
          class: null,
          region: 'North',
        },
      });
      log.add('report:submitted', {
        unitId: ids.otherUnit,
        note: null,
        indicators: [
          {
            id: 'ind-milk',
            name: 'Milk',
            measure: 't',
            planned: 500,
            reported: 480,
            weight: 1,
            isProduction: true,
            previous: null,
            partOf: null,
          },
        ],
      });
      log.add('directive:issued', order('dir-later', '2099-06-30'));
      log.add(
        'directive:issued',
        order('dir-late', '2020-01-31', { subjectUnitId: ids.otherUnit, assigneeUnitId: ids.otherUnit }),
      );
      log.add('directive:issued', order('dir-other', '2099-06-30', { inspectorId: 'p-someone-else' }));
      log.add(
        'directive:issued',
        order('dir-plan', '2099-06-30', { kind: 'corrective-plan', inspectorId: null, subjectUnitId: null }),
      );
      log.add('directive:issued', order('dir-done', '2099-06-30'));
      log.add('directive:closed', { directiveId: 'dir-done' });
    });
    fireEvent.click(screen.getByTestId('tab-verify'));
    const orders = await screen.findByTestId('inspection-orders');
    expect(within(orders).getByRole('heading', { name: 'Inspection orders (2)' })).toBeInTheDocument();
    const cards = within(orders).getAllByRole('article');
    expect(cards.map((card) => card.dataset.testid)).toEqual(['directive-dir-late', 'directive-dir-later']);
    const late = cards[0]!;
    expect(late).toHaveAttribute('data-overdue', 'true');
    expect(late).toHaveTextContent('Overdue');
    expect(late).toHaveTextContent('Inspection of South County Dairy');
    expect(late).toHaveTextContent('Assigned to Ivan Inspector');
    expect(late).toHaveTextContent('ordered by Region Committee');
    expect(late).toHaveTextContent('Count the kilns in service.');
    expect(cards[1]).toHaveAttribute('data-overdue', 'false');
    expect(cards[1]).toHaveTextContent('Inspection of North County Cement Works');

    fireEvent.click(within(late).getByTestId('acknowledge-directive-dir-late'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'directive:acknowledge', payload: { directiveId: 'dir-late' } });
    await env.accept(sent.ask, env.log.add('directive:acknowledged', { directiveId: 'dir-late' }, inspector.id));
    const fileFindings = within(screen.getByTestId('directive-dir-late')).getByTestId('answer-directive-dir-late');
    expect(fileFindings).toHaveTextContent('File the findings');
    // Filed empty, the form asks for the findings by their name.
    fireEvent.click(fileFindings);
    fireEvent.click(screen.getByTestId('answer-form-dir-late-submit'));
    expect(within(screen.getByTestId('answer-form-dir-late')).getByRole('alert')).toHaveTextContent(
      'Write the findings of the inspection before filing them.',
    );
    // The inspector took the order, not the unit inspected; the findings are the inspector's too.
    expect(screen.getByTestId('directive-dir-late')).toHaveTextContent('Ivan Inspector acknowledged it');
    env.broadcast(
      env.log.add('directive:answered', { directiveId: 'dir-late', text: 'Two kilns idle.' }, inspector.id),
    );
    expect(screen.getByTestId('directive-dir-late')).toHaveTextContent(
      'Ivan Inspector filed the findings: Two kilns idle.',
    );

    // From the order to the report: the verification form opens on the inspected unit.
    expect(within(screen.getByTestId('verify-form')).getByTestId('verify-unit')).toHaveValue(ids.unit);
    fireEvent.click(within(orders).getByTestId('verify-order-dir-late'));
    expect(within(screen.getByTestId('verify-form')).getByTestId('verify-unit')).toHaveValue(ids.otherUnit);
  });
});
