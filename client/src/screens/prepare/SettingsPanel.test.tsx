import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { draftSession } from './draftSession';
import { PrepareView } from './PrepareView';

const prepare = () => renderSession(<PrepareView role="chair" />, participants.chair, undefined, draftSession());
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const save = async () => {
  fireEvent.click(screen.getByTestId('prepare-settings-save'));
  await act(flushMicrotasks);
};

describe('settings', () => {
  test('a conference link that is no web address, or an empty title, is marked beside its field, and nothing is sent', async () => {
    const { sentCommands } = await prepare();
    type('Conference link', 'ftp://x');
    type('Title', '');
    await save();
    const title = screen.getByLabelText('Title');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Fill this in.');
    expect(document.activeElement).toBe(title);
    expect(screen.getByLabelText('Conference link')).toHaveAccessibleDescription('This is not a valid web address.');
    expect(sentCommands()).toBe(0);
  });

  test('a refused change marks the field the server named, by the name its label gives it', async () => {
    const { nextCommand, refuse } = await prepare();
    type('Conference link', 'https://meet.example.org/q2');
    await save();
    const { ask, command } = await nextCommand();
    expect(command.type).toBe('session:configure');
    await refuse(ask, {
      code: 'INVALID_PAYLOAD',
      message: 'invalid',
      issues: [
        {
          path: 'command.payload.conferenceLink',
          message: 'Invalid URL',
          reason: { code: 'invalid_format', format: 'url' },
        },
      ],
    });
    const link = screen.getByLabelText('Conference link');
    expect(link).toHaveAttribute('aria-invalid', 'true');
    expect(link).toHaveAccessibleDescription(
      /Change these fields\. Conference link: This is not a valid web address\.$/,
    );
    expect(screen.getByLabelText('Warning level (% of planned production)')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('prepare-settings')).not.toHaveTextContent('conferenceLink');
  });
});
