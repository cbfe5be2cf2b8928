import { expect, test } from 'vitest';
import { disconnectOutcome, handshakeOutcome, joinRefusalOutcome } from './syncOutcomes';

const refused = (code: string, message = '') => Object.assign(new Error(message), { data: { code, message } });

test('a handshake that reaches no server waits for socket.io while it retries, else goes offline', () => {
  expect(handshakeOutcome(new Error('xhr poll error'), true)).toMatchObject({
    input: 'dropped',
    problem: { code: 'OFFLINE', reason: 'unreachable' },
  });
  expect(handshakeOutcome(new Error('xhr poll error'), false)).toMatchObject({ input: 'closed' });
});

test('a refused handshake: another version, a bad invitation, a rate limit retried later, an unknown refusal', () => {
  expect(handshakeOutcome(refused('INCOMPATIBLE_PROTOCOL'), false)).toMatchObject({
    input: 'refused-version',
    problem: { code: 'INCOMPATIBLE_PROTOCOL' },
  });
  expect(handshakeOutcome(refused('UNAUTHENTICATED'), false)).toMatchObject({
    input: 'closed',
    problem: { code: 'UNAUTHENTICATED' },
  });
  expect(handshakeOutcome(refused('FORBIDDEN'), false)).toMatchObject({
    input: 'closed',
    problem: { code: 'FORBIDDEN' },
  });
  expect(handshakeOutcome(refused('RATE_LIMITED'), false)).toMatchObject({
    input: 'dropped',
    problem: { code: 'RATE_LIMITED' },
    retryLater: true,
  });
  expect(handshakeOutcome(refused('MAINTENANCE', 'Back at noon.'), false)).toEqual({
    input: 'closed',
    problem: { code: 'OFFLINE', message: 'Back at noon.', reason: 'refused' },
  });
});

test('a drop reconnects while socket.io retries; a server that closed the link leaves it offline', () => {
  expect(disconnectOutcome(true)).toEqual({ input: 'dropped' });
  expect(disconnectOutcome(false)).toMatchObject({ input: 'closed', problem: { reason: 'server-closed' } });
});

test('a refused join: another version, a transient refusal retried later, a final one', () => {
  const refusal = (code: 'INCOMPATIBLE_PROTOCOL' | 'RATE_LIMITED' | 'INTERNAL' | 'NOT_FOUND') =>
    joinRefusalOutcome({ code, message: '' });
  expect(refusal('INCOMPATIBLE_PROTOCOL')).toMatchObject({ input: 'refused-version' });
  expect(refusal('RATE_LIMITED')).toMatchObject({ input: 'throttled', retryLater: true });
  expect(refusal('INTERNAL')).toMatchObject({ input: 'throttled', retryLater: true });
  expect(refusal('NOT_FOUND')).toEqual({
    input: 'closed',
    problem: { code: 'NOT_FOUND', message: expect.any(String) as string },
  });
});
