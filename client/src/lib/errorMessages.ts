import type { ErrorCode } from '@plenum/shared';
import type { ClientErrorCode } from '../stores/connection';

/** What each error means for the person at the screen, and what they can do about it. */
const messages: Record<ErrorCode | ClientErrorCode, string> = {
  INVALID_PAYLOAD: 'Plenum could not accept this: some details are missing or not valid. Check them and try again.',
  UNAUTHENTICATED: 'This invite link is invalid or has been revoked. Ask the chair for a new invite link.',
  FORBIDDEN: 'Your role in this review session does not allow this.',
  NOT_FOUND: 'This is no longer part of the review session. The screen shows what is current.',
  CONFLICT: 'This cannot be done now: the review session has moved on. The screen shows where it stands.',
  INCOMPATIBLE_PROTOCOL: 'Plenum was updated: reload the page.',
  RATE_LIMITED: 'Too many actions in a short time. Wait a moment and try again.',
  TOO_LARGE: 'This is too long to send. Shorten it and try again.',
  INTERNAL: 'The server had a problem. Try again: nothing will be recorded twice.',
  TIMEOUT: 'The server did not answer. Check the connection and try again: nothing will be recorded twice.',
  OFFLINE: 'Not connected, so nothing was sent. Try again when the connection badge says Live.',
  PROTOCOL_VIOLATION: 'The server sent something this version of Plenum does not understand. Reload the page.',
};

/** The explanation shown for an error code from an ack, a handshake or this client. */
export function errorMessage(code: ErrorCode | ClientErrorCode): string {
  return messages[code];
}
