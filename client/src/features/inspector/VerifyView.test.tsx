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

  test('a finding is required', async () => {
    const env = await renderSession(<ParticipantView role="inspector" />, inspector, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-verify'));
    const form = await screen.findByTestId('verify-form');
    fireEvent.change(within(form).getByTestId('verify-value'), { target: { value: '600' } });
    fireEvent.click(within(form).getByTestId('verify-submit'));
    expect(within(form).getByRole('alert')).toHaveTextContent('Write the finding');
    expect(env.sentCommands()).toBe(0);
  });
});
