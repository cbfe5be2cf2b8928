import type { ErrorCode, Issue } from '@plenum/shared';

/** A refusal decided by the domain; the transport turns it into a typed failed ack. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
