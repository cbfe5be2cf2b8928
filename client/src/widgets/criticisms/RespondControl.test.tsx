import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ParticipantView } from '../../screens/participant/ParticipantView';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, participants, type eventLog } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen } from '../../test/stories';

const answer = 'Two kilns were down for repairs. They are back in service since March.';

function twoCriticisms(log: ReturnType<typeof eventLog>) {
  floorOpen(log);
  criticise(log, 'crit-1');
  criticise(log, 'crit-2');
}

function openAnswer(criticismId: string) {
  fireEvent.click(screen.getByTestId(`respond-${criticismId}`));
  return openForm(criticismId);
}

/** The text field of the answer form, open already. */
function openForm(criticismId: string) {
  return within(screen.getByTestId(`respond-form-${criticismId}`)).getByRole('textbox');
}

function cancelAnswer(criticismId: string) {
  fireEvent.click(within(screen.getByTestId(`respond-form-${criticismId}`)).getByRole('button', { name: 'Cancel' }));
}

describe("the presenter's answer to a criticism", () => {
  test('a half-written answer survives Cancel and a reload, per criticism', async () => {
    const first = await renderSession(<ParticipantView role="presenter" />, participants.presenter, twoCriticisms);
    fireEvent.change(openAnswer('crit-1'), { target: { value: answer } });
    cancelAnswer('crit-1');
    expect(screen.queryByTestId('respond-form-crit-1')).not.toBeInTheDocument();

    expect(openAnswer('crit-1')).toHaveValue(answer);
    // Escape cancels too, and keeps it as well.
    fireEvent.keyDown(openForm('crit-1'), { key: 'Escape' });
    expect(openAnswer('crit-1')).toHaveValue(answer);
    // Another criticism has a draft of its own.
    expect(openAnswer('crit-2')).toHaveValue('');
    first.unmount();

    // A reload: the same presenter finds the answer as left.
    await renderSession(<ParticipantView role="presenter" />, participants.presenter, twoCriticisms);
    expect(openAnswer('crit-1')).toHaveValue(answer);
  });

  test('the kept answer goes once the answer is sent, and stays while a send is refused', async () => {
    const env = await renderSession(<ParticipantView role="presenter" />, participants.presenter, twoCriticisms);
    fireEvent.change(openAnswer('crit-1'), { target: { value: answer } });
    fireEvent.click(screen.getByTestId('respond-form-crit-1-submit'));
    let sent = await env.nextCommand();
    await act(async () => {
      sent.ask.answer({ ok: false, error: { code: 'CONFLICT', message: 'criticism is not open for an answer' } });
      await flushMicrotasks();
    });
    expect(openForm('crit-1')).toHaveValue(answer);
    cancelAnswer('crit-1');
    expect(openAnswer('crit-1')).toHaveValue(answer);

    fireEvent.click(screen.getByTestId('respond-form-crit-1-submit'));
    sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'criticism:respond', payload: { criticismId: 'crit-1', text: answer } });
    await env.accept(
      sent.ask,
      env.log.add('criticism:responded', { criticismId: 'crit-1', text: answer }, ids.presenter),
    );
    expect(screen.queryByTestId('respond-form-crit-1')).not.toBeInTheDocument();
    expect(openAnswer('crit-1')).toHaveValue('');
    cleanup();

    await renderSession(<ParticipantView role="presenter" />, participants.presenter, twoCriticisms);
    expect(openAnswer('crit-1')).toHaveValue('');
  });
});
