import type { ErrorCode, Issue, Refusal } from '@plenum/shared';

/** A refusal decided by the domain; the transport turns it into a typed failed ack. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    /** The real reason, typed, for the client to say in its own words. */
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
