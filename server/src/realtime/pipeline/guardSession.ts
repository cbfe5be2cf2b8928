import { DomainError } from '../../domain/errors.js';
import type { RequestCall } from '../register.js';

/** The request is for the review session the socket's invitation is for. */
export function guardSession({ input, socket }: RequestCall<{ sessionId: string }, unknown>): void {
  if (input.sessionId !== socket.data.sessionId) {
    throw new DomainError('FORBIDDEN', 'Your invitation is for another review session.');
  }
}
