import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { addDays } from '@plenum/shared';
import { todayIsoDate } from '../../../lib/format';
import { ids, participants } from '../../../test/events';
import { renderSession } from '../../../test/renderSession';
import { kilnInspection } from '../../../test/stories';
import { ChairConsole } from '../ChairConsole';

async function openPlan() {
  fireEvent.click(screen.getByTestId('tab-decisions'));
  return screen.findByTestId('inspection-plan');
}

describe('inspection plan by risk', () => {
  test('the unit under the threshold is proposed with its reason; adopting sends the accepted line as an order', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    const panel = await openPlan();
    const line = within(panel).getByTestId(`plan-line-${ids.unit}`);
    expect(line).toHaveTextContent('Under the threshold — Production at 65% of plan, under the 70% threshold.');
    expect(line).toHaveAttribute('data-decision', 'accepted');
    expect(within(panel).getByTestId('plan-count')).toHaveTextContent('1 accepted of a capacity of 3.');

    fireEvent.click(within(panel).getByTestId('plan-adopt'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'inspection-plan:adopt',
      payload: {
        capacity: 3,
        lines: [
          {
            unitId: ids.unit,
            decision: 'accepted',
            title: 'Inspection of North County Cement Works',
            // No inspector in this session: the first unit is offered as the inspection office.
            inspectorId: null,
            officeUnitId: ids.unit,
            dueDate: addDays(todayIsoDate(), 14),
            note: 'Under the threshold: Production at 65% of plan, under the 70% threshold.',
          },
        ],
      },
    });
    await env.accept(
      sent.ask,
      env.log.add('inspection-plan:adopted', {
        planId: 'plan-1',
        capacity: 3,
        lines: [
          {
            unitId: ids.unit,
            rank: 1,
            score: 32.9,
            reasons: [],
            decision: 'accepted',
            directiveId: null,
          },
        ],
        at: '2026-04-01T09:30:00.000Z',
      }),
    );
    expect(await screen.findByTestId('adopted-plans')).toHaveTextContent('North County Cement Works32.9Accepted');
  });

  test('an order title pasted past the limit is kept whole, and the plan is not adopted until it is shortened', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    const panel = await openPlan();
    fireEvent.click(within(panel).getByTestId(`plan-edit-${ids.unit}`));
    const title = within(panel).getByLabelText('Title of the order');
    const pasted = 'Inspection of the kilns and stock of North County Cement Works, '.repeat(4);
    fireEvent.change(title, { target: { value: pasted } });
    expect(title).toHaveValue(pasted);
    fireEvent.click(within(panel).getByTestId('plan-adopt'));
    expect(within(panel).getByRole('alert')).toHaveTextContent('At most 200 characters fit: shorten the text by 55.');
    expect(env.sentCommands()).toBe(0);
  });

  test('an open inspection order of the session counts against the capacity, and says so', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => kilnInspection(log, 'dir-kiln'));
    const panel = await openPlan();
    expect(within(panel).getByTestId('plan-count')).toHaveTextContent(
      '0 accepted of the 2 left of a capacity of 3. 1 inspection order of this session is still open and counts against the capacity.',
    );
  });

  test('more lines accepted than the capacity cannot be adopted, nor a plan that accepts none, which says why', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    const panel = await openPlan();
    fireEvent.change(within(panel).getByTestId('plan-capacity'), { target: { value: '0' } });
    expect(within(panel).getByTestId(`plan-line-${ids.unit}`)).toHaveAttribute('data-decision', 'dropped');
    fireEvent.click(within(panel).getByTestId(`plan-accept-${ids.unit}`));
    expect(within(panel).getByTestId('plan-count')).toHaveTextContent('1 accepted of a capacity of 0.');
    expect(within(panel).getByTestId('plan-adopt')).toBeDisabled();

    fireEvent.change(within(panel).getByTestId('plan-capacity'), { target: { value: '1' } });
    fireEvent.click(within(panel).getByTestId(`plan-drop-${ids.unit}`));
    const adopt = within(panel).getByTestId('plan-adopt');
    expect(adopt).toHaveTextContent('Adopt the plan: issue 0 inspection orders');
    expect(adopt).toBeDisabled();
    expect(adopt).toHaveAccessibleDescription(
      'Accept at least one line to adopt the plan: a plan that orders no inspection is not recorded.',
    );
    fireEvent.click(adopt);
    expect(env.sentCommands()).toBe(0);
  });

  test('the server’s refusal of a plan that orders nothing is said in words', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    const panel = await openPlan();
    fireEvent.click(within(panel).getByTestId('plan-adopt'));
    const sent = await env.nextCommand();
    await env.refuse(sent.ask, {
      code: 'INVALID_PAYLOAD',
      message: 'No line is accepted.',
      refusal: { kind: 'empty-inspection-plan', field: 'lines' },
    });
    expect(panel).toHaveTextContent(
      'The plan was not adopted. The plan accepts no line: accept at least one, since a plan that orders no inspection is not recorded.',
    );
  });
});
