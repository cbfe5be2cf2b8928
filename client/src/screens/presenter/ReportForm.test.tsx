import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, instant, participants, type eventLog } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, directiveId, directiveToUnit, floorOpen } from '../../test/stories';
import { ParticipantView } from '../participant/ParticipantView';

/** The unit resubmits its report with one lower-is-better indicator. */
function fuelReport(log: ReturnType<typeof eventLog>) {
  log.add(
    'report:submitted',
    {
      unitId: ids.unit,
      note: null,
      indicators: [
        {
          id: 'ind-fuel',
          name: 'Fuel burnt',
          measure: 't',
          planned: 100,
          reported: 80,
          weight: 1,
          isProduction: false,
          previous: null,
          partOf: null,
          direction: 'lower-is-better',
        },
      ],
    },
    ids.presenter,
  );
}

async function openReport() {
  fireEvent.click(screen.getByTestId('tab-report'));
  return screen.findByTestId('report-form');
}

describe('presenter report form', () => {
  test('starts from the submitted report and resubmits it with the same indicator ids', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    expect(screen.getByTestId('indicator-name-0')).toHaveValue('Cement');
    expect(screen.getByTestId('indicator-production-0')).toBeChecked();
    fireEvent.change(screen.getByLabelText('Reported, Cement'), { target: { value: '700' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'report:submit',
      payload: {
        unitId: ids.unit,
        note: null,
        indicators: [
          {
            id: 'ind-cement',
            name: 'Cement',
            measure: 't',
            planned: 1000,
            reported: 700,
            weight: 1,
            isProduction: true,
            previous: null,
            direction: 'higher-is-better',
            partOf: null,
          },
          {
            id: 'ind-kilns',
            name: 'Kilns repaired',
            measure: 'units',
            planned: 4,
            reported: 4,
            weight: 1,
            isProduction: false,
            previous: null,
            direction: 'higher-is-better',
            partOf: null,
          },
        ],
      },
    });
    await act(async () => {
      sent.ask.answer({ ok: true, data: { seq: env.log.events.length + 1 } });
      await flushMicrotasks();
    });
    expect(screen.getByText('The report was submitted.')).toBeInTheDocument();
  });

  test('a row set to lower-is-better is sent so', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    const direction = screen.getByRole('combobox', { name: 'Direction, Kilns repaired' });
    expect(direction).toHaveValue('higher-is-better');
    expect(
      within(direction).getByRole('option', { name: 'Lower is better (a ceiling, e.g. a cost)' }),
    ).toBeInTheDocument();
    fireEvent.change(direction, { target: { value: 'lower-is-better' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    const sent = await env.nextCommand();
    expect(sent.command.payload).toMatchObject({
      indicators: [
        { id: 'ind-cement', direction: 'higher-is-better' },
        { id: 'ind-kilns', direction: 'lower-is-better' },
      ],
    });
  });

  test('a resubmission keeps the direction of the submitted indicators', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter, fuelReport);
    await openReport();
    expect(screen.getByTestId('indicator-direction-0')).toHaveValue('lower-is-better');
    fireEvent.change(screen.getByLabelText('Reported, Fuel burnt'), { target: { value: '90' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    const sent = await env.nextCommand();
    expect(sent.command.payload).toMatchObject({
      indicators: [{ id: 'ind-fuel', reported: 90, direction: 'lower-is-better' }],
    });
  });

  test('a report changed elsewhere (an import) replaces an untouched draft', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    expect(screen.getByTestId('indicator-name-0')).toHaveValue('Cement');
    // The chair imports a file: the unit's report now holds one other indicator.
    fuelReport(env.log);
    env.broadcast(env.log.events.at(-1)!);
    expect(screen.getByTestId('indicator-name-0')).toHaveValue('Fuel burnt');
    expect(screen.queryByTestId('indicator-name-1')).toBeNull();
    expect(screen.queryByTestId('report-changed')).toBeNull();
  });

  test('a report changed elsewhere while the presenter edits asks before dropping the draft', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    fireEvent.change(screen.getByLabelText('Reported, Cement'), { target: { value: '700' } });
    fuelReport(env.log);
    env.broadcast(env.log.events.at(-1)!);
    // The typed draft stays until the presenter chooses.
    const question = screen.getByTestId('report-changed');
    expect(question).toHaveTextContent('revision 2');
    expect(screen.getByLabelText('Reported, Cement')).toHaveValue('700');

    fireEvent.click(within(question).getByRole('button', { name: 'Keep my changes' }));
    expect(screen.queryByTestId('report-changed')).toBeNull();
    expect(screen.getByLabelText('Reported, Cement')).toHaveValue('700');

    // Changed once more: this time the presenter takes the new figures.
    fuelReport(env.log);
    env.broadcast(env.log.events.at(-1)!);
    fireEvent.click(within(screen.getByTestId('report-changed')).getByRole('button', { name: /Show the new figures/ }));
    expect(screen.getByTestId('indicator-name-0')).toHaveValue('Fuel burnt');
    expect(screen.queryByTestId('report-changed')).toBeNull();
  });

  test('an edit not yet submitted survives a tab switched and a reload; submitting it forgets it', async () => {
    const first = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    fireEvent.change(screen.getByLabelText('Reported, Cement'), { target: { value: '700' } });
    const note = (await openReport()).querySelector('textarea')!;
    fireEvent.change(note, { target: { value: 'March shipments counted late.' } });
    fireEvent.click(screen.getByTestId('tab-unit'));
    await openReport();
    expect(screen.getByLabelText('Reported, Cement')).toHaveValue('700');
    first.unmount();

    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    const form = await openReport();
    expect(screen.getByLabelText('Reported, Cement')).toHaveValue('700');
    expect(form.querySelector('textarea')).toHaveValue('March shipments counted late.');
    fireEvent.click(screen.getByTestId('submit-report'));
    const { ask, command } = await env.nextCommand();
    expect(command.payload).toMatchObject({ note: 'March shipments counted late.' });
    await env.accept(ask, env.log.add('report:submitted', command.payload as never, ids.presenter));
    expect(Object.keys(window.localStorage).filter((key) => key.startsWith('plenum:report-draft:'))).toEqual([]);
  });

  test('once the unit has begun presenting, a changed reported figure asks first: it will be flagged to the room', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter, floorOpen);
    await openReport();
    fireEvent.change(screen.getByLabelText('Reported, Cement'), { target: { value: '700' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    const dialog = screen.getByTestId('confirm-late-revision');
    expect(dialog).toHaveTextContent('Revised once presenting began');
    expect(env.sentCommands()).toBe(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(env.sentCommands()).toBe(0);

    fireEvent.click(screen.getByTestId('submit-report'));
    fireEvent.click(screen.getByTestId('confirm-late-revision-confirm'));
    const sent = await env.nextCommand();
    expect(sent.command).toMatchObject({ type: 'report:submit' });
  });

  test('the presenter’s own resubmission is not taken for a change made elsewhere', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    fireEvent.change(screen.getByLabelText('Reported, Cement'), { target: { value: '700' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    const { ask, command } = await env.nextCommand();
    const submitted = env.log.add('report:submitted', command.payload as never, ids.presenter);
    await env.accept(ask, submitted);
    expect(screen.queryByTestId('report-changed')).toBeNull();
    expect(screen.getByLabelText('Reported, Cement')).toHaveValue('700');
  });

  test('a pasted row without a direction keeps the one of the submitted indicator it matches', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter, fuelReport);
    await openReport();
    fireEvent.change(screen.getByTestId('paste-area'), {
      target: { value: 'Fuel burnt\tt\t100\t95\nScrap\tt\t50\t40\t\t\t\tlower\nCement\tt\t1000\t900' },
    });
    fireEvent.click(screen.getByTestId('paste-apply'));
    fireEvent.click(screen.getByTestId('submit-report'));
    const sent = await env.nextCommand();
    expect(sent.command.payload).toMatchObject({
      indicators: [
        { id: 'ind-fuel', reported: 95, direction: 'lower-is-better' },
        { id: 'scrap', direction: 'lower-is-better' },
        { id: 'cement', direction: 'higher-is-better' },
      ],
    });
  });

  test('rows pasted from a spreadsheet replace the table; a row with a problem stops the submission', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    fireEvent.change(screen.getByTestId('paste-area'), {
      target: { value: 'Indicator\tUnit\tPlanned\tReported\nCement\tt\t1000\t640\nBricks\tthousand\t50\t' },
    });
    fireEvent.click(screen.getByTestId('paste-apply'));
    expect(screen.getByRole('alert')).toHaveTextContent('Line 3: the reported figure is not a number.');
    expect(screen.getByTestId('indicator-name-0')).toHaveValue('Cement');
    expect(screen.queryByTestId('indicator-name-1')).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId('add-indicator'));
    fireEvent.change(screen.getByTestId('indicator-name-1'), { target: { value: 'Bricks' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    expect(screen.getByText('1 row needs correcting before the report can be submitted.')).toBeInTheDocument();
    expect(screen.getByTestId('indicator-row-1')).toHaveTextContent('Give its unit of measure.');

    fireEvent.click(screen.getByTestId('remove-indicator-1'));
    fireEvent.click(screen.getByTestId('submit-report'));
    const sent = await env.nextCommand();
    expect(sent.command.type).toBe('report:submit');
    // The pasted Cement row keeps the submitted indicator's id, so its history continues.
    expect(sent.command.payload).toMatchObject({ indicators: [{ id: 'ind-cement', reported: 640 }] });
  });
});

describe('presenter report form on a phone', () => {
  test('each field’s cell names its column: the label a phone shows above the field, its header row hidden', async () => {
    await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    const cells = Array.from(screen.getByTestId('indicator-row-0').querySelectorAll('td'));
    expect(cells.map((cell) => cell.dataset.label ?? null)).toEqual([
      'Indicator',
      'Unit of measure',
      'Planned',
      'Reported',
      'Weight',
      'Production',
      'Previous period',
      'Direction',
      null,
    ]);
  });
});

describe('presenter report form refusals', () => {
  test('rehearsal 15: a negative plan stops the submission; a field the server refuses is named', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    fireEvent.change(screen.getByLabelText('Planned, Cement'), { target: { value: '-80000' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    expect(screen.getByTestId('indicator-row-0')).toHaveTextContent(
      'Planned must be a number more than 0 (at least 0.000001).',
    );
    // The field itself is marked and takes the focus; its neighbours are not.
    const planned = screen.getByLabelText('Planned, Cement');
    expect(planned).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(planned);
    expect(screen.getByLabelText('Reported, Cement')).not.toHaveAttribute('aria-invalid');

    fireEvent.change(screen.getByLabelText('Planned, Cement'), { target: { value: '1000' } });
    fireEvent.change(screen.getByTestId('indicator-name-1'), { target: { value: 'Kilns \u202ederiaper' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    const sent = await env.nextCommand();
    await act(async () => {
      sent.ask.answer({
        ok: false,
        error: {
          code: 'INVALID_PAYLOAD',
          message: 'The command does not follow the protocol.',
          issues: [
            {
              path: 'command.payload.indicators.1.name',
              message: 'no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069)',
            },
          ],
        },
      });
      await flushMicrotasks();
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Change these fields. Indicator 2, name: Remove the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069).',
    );
  });
});

describe('presenter report form figures past the ceiling', () => {
  test('a figure larger than the protocol takes is told the ceiling, not that it must be a number', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    const huge = '99999999999999999999999999999';
    fireEvent.change(screen.getByLabelText('Planned, Cement'), { target: { value: huge } });
    fireEvent.change(screen.getByLabelText('Reported, Cement'), { target: { value: huge } });
    fireEvent.change(screen.getByLabelText('Previous period, Cement'), { target: { value: huge } });
    fireEvent.click(screen.getByTestId('submit-report'));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    const row = screen.getByTestId('indicator-row-0');
    expect(row).toHaveTextContent(
      'Planned must be at most 1,000,000,000,000,000. ' +
        'Reported must be at most 1,000,000,000,000,000. ' +
        'Previous period must be at most 1,000,000,000,000,000.',
    );
    expect(row).not.toHaveTextContent('must be a number');

    await act(() => changeLanguage('ko', { persist: false }));
    expect(screen.getByTestId('indicator-row-0')).toHaveTextContent(
      '계획은 1,000,000,000,000,000 이하여야 합니다. ' +
        '보고치는 1,000,000,000,000,000 이하여야 합니다. ' +
        '전기 실적은 1,000,000,000,000,000 이하여야 합니다.',
    );
  });

  test('a figure above 0 but below the smallest one taken is told that smallest figure and what to enter', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    const tiny = '0.0000001';
    fireEvent.change(screen.getByLabelText('Planned, Cement'), { target: { value: tiny } });
    fireEvent.change(screen.getByLabelText('Reported, Cement'), { target: { value: tiny } });
    fireEvent.change(screen.getByLabelText('Previous period, Cement'), { target: { value: tiny } });
    fireEvent.click(screen.getByTestId('submit-report'));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    const row = screen.getByTestId('indicator-row-0');
    expect(row).toHaveTextContent(
      'Planned is below 0.000001, the smallest figure taken: enter at least 0.000001, or give it in a smaller unit of measure. ' +
        'Reported is above 0 but below 0.000001, the smallest figure taken: enter 0 or at least 0.000001, or give it in a smaller unit of measure. ' +
        'Previous period is above 0 but below 0.000001',
    );
    expect(row).not.toHaveTextContent('0 or more');
    expect(screen.getByLabelText('Reported, Cement')).toHaveAttribute('aria-invalid', 'true');

    await act(() => changeLanguage('ko', { persist: false }));
    expect(screen.getByTestId('indicator-row-0')).toHaveTextContent(
      '보고치가 0보다 크지만 입력할 수 있는 가장 작은 값 0.000001보다 작습니다. 0 또는 0.000001 이상으로 입력하거나 더 작은 단위로 바꾸어 입력하십시오.',
    );
  });
});

describe('presenter report form text past its limit', () => {
  test('a pasted name and unit of measure are kept whole, counted in their cells, and stop the submission naming row and column', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    await openReport();
    const name = screen.getByTestId('indicator-name-1');
    const measure = screen.getByLabelText('Unit of measure, Cement');
    // The browser's maxlength would keep the first characters and drop the rest unsaid.
    expect(name).not.toHaveAttribute('maxlength');
    expect(measure).not.toHaveAttribute('maxlength');
    const longName = 'Kilns repaired and relined '.repeat(10).trim();
    const longMeasure = 'tonnes of clinker ground to cement, dry weight';
    fireEvent.change(name, { target: { value: longName } });
    fireEvent.change(measure, { target: { value: longMeasure } });
    expect(name).toHaveValue(longName);
    expect(measure).toHaveValue(longMeasure);
    expect(screen.getByTestId('indicator-name-1-count')).toHaveTextContent('269 / 200');
    expect(screen.getByTestId('indicator-measure-0-count')).toHaveTextContent('46 / 40');
    expect(measure).toHaveAttribute('aria-invalid', 'true');
    // Said once for the row, naming the column, before any submission: the cell keeps to its count.
    expect(screen.getByTestId('indicator-row-0')).toHaveTextContent(
      'Unit of measure, Cement: At most 40 characters fit: shorten the text by 6.',
    );
    expect(screen.queryByTestId('indicator-measure-0-too-long')).toBeNull();
    expect(measure).toHaveAccessibleDescription(
      'Unit of measure, Cement: At most 40 characters fit: shorten the text by 6.',
    );
    // A name too long to label its row names the row by its number.
    expect(screen.getByTestId('indicator-row-1')).toHaveTextContent(
      'Indicator, row 2: At most 200 characters fit: shorten the text by 69.',
    );

    fireEvent.click(screen.getByTestId('submit-report'));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    expect(screen.getByRole('alert')).toHaveTextContent('2 rows need correcting before the report can be submitted.');
    expect(document.activeElement).toBe(measure);

    await act(() => changeLanguage('ko', { persist: false }));
    expect(screen.getByTestId('indicator-row-0')).toHaveTextContent(
      'Cement, 단위: 40자까지만 쓸 수 있습니다. 6자를 줄이십시오.',
    );
    expect(screen.getByTestId('indicator-row-1')).toHaveTextContent(
      '2행, 지표: 200자까지만 쓸 수 있습니다. 69자를 줄이십시오.',
    );

    fireEvent.change(measure, { target: { value: 't' } });
    fireEvent.change(name, { target: { value: 'Kilns repaired' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    expect((await env.nextCommand()).command).toMatchObject({ type: 'report:submit' });
  });
});

describe('presenter on the floor', () => {
  test('sees its unit on the floor with one countdown, and answers criticism of the unit', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1');
    });
    const slot = screen.getByTestId('presenter-slot');
    expect(slot).toHaveTextContent('Your unit is on the floor');
    // The floor's panel has the countdown; the slot above it does not repeat it.
    expect(screen.getAllByTestId('timer')).toHaveLength(1);
    expect(within(slot).queryByTestId('timer')).toBeNull();

    fireEvent.click(screen.getByTestId('respond-crit-1'));
    fireEvent.change(screen.getByLabelText("Your unit's answer"), { target: { value: 'Two kilns were down.' } });
    fireEvent.click(screen.getByTestId('respond-form-crit-1-submit'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'criticism:respond',
      payload: { criticismId: 'crit-1', text: 'Two kilns were down.' },
    });
  });

  test('raises and lowers a hand', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter, floorOpen);
    fireEvent.click(screen.getByTestId('raise-hand'));
    let sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'floor:raise-hand', payload: {} });
    await env.accept(
      sent.ask,
      env.log.add('floor:hand-raised', { participantId: ids.presenter, at: instant(300) }, ids.presenter),
    );
    expect(screen.getByTestId('hand-control')).toHaveTextContent('number 1 in the queue');
    fireEvent.click(screen.getByTestId('lower-hand'));
    sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'floor:lower-hand', payload: {} });
  });
});

describe('presenter unit view', () => {
  test('acknowledges a directive to the unit, then files the answer', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter, (log) =>
      directiveToUnit(log, '2026-04-20'),
    );
    fireEvent.click(screen.getByTestId('tab-unit'));
    const card = await screen.findByTestId(`directive-${directiveId}`);
    expect(card).toHaveTextContent('Plan to recover the cement shortfall');
    fireEvent.click(within(card).getByTestId(`acknowledge-directive-${directiveId}`));
    let sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'directive:acknowledge', payload: { directiveId } });
    await env.accept(sent.ask, env.log.add('directive:acknowledged', { directiveId }, ids.presenter));
    expect(within(card).getByText('Acknowledged')).toBeInTheDocument();

    fireEvent.click(within(card).getByTestId(`answer-directive-${directiveId}`));
    fireEvent.change(within(card).getByLabelText('Answer'), { target: { value: 'Kiln 2 relined by May.' } });
    fireEvent.click(within(card).getByTestId(`answer-form-${directiveId}-submit`));
    sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'directive:answer',
      payload: { directiveId, text: 'Kiln 2 relined by May.' },
    });
    await env.accept(sent.ask, env.log.add('directive:answered', sent.command.payload as never, ids.presenter));
    // A corrective plan does not climb the line: the answer goes to the chair, not back to the unit.
    expect(card).toHaveTextContent('North County Cement Works filed its answer, sent to the chair');
  });
});
