import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { cellLabels } from './testing/cellLabels';
import { renderAdmin } from './testing/renderAdmin';
import { refused } from './testing/stubServer';

const webhook = {
  id: 'wh_1',
  organisationId: 'northern-province',
  url: 'https://hooks.example/plenum',
  eventTypes: ['item.started', 'directive.overdue'],
  active: true,
  createdAt: '2026-04-13T08:00:00.000Z',
};

const delivery = {
  id: 'msg_abc',
  subscriptionId: 'wh_1',
  eventType: 'item.started',
  createdAt: '2026-04-13T09:00:00.000Z',
  status: 'pending',
  nextAttemptAt: '2026-04-13T09:01:00.000Z',
  attempts: [
    { attempt: 1, at: '2026-04-13T09:00:00.000Z', statusCode: 500, durationMs: 12, error: 'the receiver answered 500' },
  ],
};

async function openWebhooks(routes: Parameters<typeof renderAdmin>[0] = {}) {
  const server = await renderAdmin({ 'GET /api/v1/admin/webhooks': { body: { webhooks: [webhook] } }, ...routes });
  fireEvent.click(screen.getByRole('tab', { name: 'Webhooks' }));
  await screen.findByTestId('webhooks');
  return server;
}

describe('the webhooks tab', () => {
  test('a new webhook needs a URL and an event; its secret is shown once, then nowhere on the page', async () => {
    const server = await openWebhooks({
      'POST /api/v1/admin/webhooks': {
        body: {
          subscription: { ...webhook, id: 'wh_2', url: 'https://other.example/in', eventTypes: ['session.closed'] },
          secret: 'whsec_c2VjcmV0LXNob3duLW9uY2U=',
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(screen.getByLabelText('Receiver URL')).toHaveAccessibleDescription(/Fill this in\./);
    expect(screen.getByText('Choose at least one event.')).toBeInTheDocument();
    expect(server.sent('POST', '/api/v1/admin/webhooks')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Receiver URL'), { target: { value: 'https://other.example/in' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Session closed/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    const notice = await screen.findByTestId('webhook-secret');
    expect(within(notice).getByLabelText('Signing secret')).toHaveValue('whsec_c2VjcmV0LXNob3duLW9uY2U=');
    // Its own words: what is copied or downloaded is the secret, not a link.
    within(notice).getByRole('button', { name: 'Download the secret' });
    expect(server.sent('POST', '/api/v1/admin/webhooks')[0]?.json).toEqual({
      url: 'https://other.example/in',
      eventTypes: ['session.closed'],
    });
    fireEvent.click(within(notice).getByRole('button', { name: 'I have kept it' }));
    expect(document.body.innerHTML).not.toContain('c2VjcmV0LXNob3duLW9uY2U');
  });

  test('an internal receiver refused by the server is said beside the URL', async () => {
    const message =
      'The receiver localhost resolves to 127.0.0.1, a loopback address; internal receivers are not allowed.';
    await openWebhooks({
      'POST /api/v1/admin/webhooks': refused(400, 'INVALID_PAYLOAD', { issues: [{ path: 'url', message }] }),
    });
    fireEvent.change(screen.getByLabelText('Receiver URL'), { target: { value: 'http://localhost:9000/in' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Agenda item started/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    await waitFor(() => expect(screen.getByLabelText('Receiver URL')).toHaveAccessibleDescription(new RegExp(message)));
  });

  test('the delivery log shows attempts and the next retry, and redelivers', async () => {
    const server = await openWebhooks({
      'GET /api/v1/admin/webhooks/wh_1/deliveries': { body: { deliveries: [delivery] } },
      'POST /api/v1/admin/webhooks/wh_1/deliveries/msg_abc/redeliver': {
        body: {
          delivery: { ...delivery, status: 'delivered', nextAttemptAt: null },
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: /Delivery log/ }));
    const row = await screen.findByTestId('delivery-msg_abc');
    expect(row).toHaveTextContent('Waiting to retry');
    expect(row).toHaveTextContent('HTTP 500 in 12 ms');
    // On a phone the rows stack, each field beside its column's name.
    expect(cellLabels(screen.getByTestId('webhook-wh_1'))).toEqual(['Events', 'Created', 'State', null]);
    expect(cellLabels(row)).toEqual(['Created', 'Status', 'Attempts', 'Last answer', 'Next retry', null]);
    fireEvent.click(within(row).getByRole('button', { name: /Redeliver/ }));
    expect(await screen.findByText('Redelivered.')).toBeInTheDocument();
    expect(server.sent('POST', '/api/v1/admin/webhooks/wh_1/deliveries/msg_abc/redeliver')).toHaveLength(1);
  });

  test('pausing asks the server and says so', async () => {
    const server = await openWebhooks({
      'PATCH /api/v1/admin/webhooks/wh_1': { body: { webhook: { ...webhook, active: false } } },
    });
    fireEvent.click(screen.getByRole('button', { name: /Pause/ }));
    expect(await screen.findByText(/is paused/)).toBeInTheDocument();
    expect(server.sent('PATCH', '/api/v1/admin/webhooks/wh_1')[0]?.json).toEqual({ active: false });
  });
});
