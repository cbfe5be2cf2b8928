import { errorCodes, type ErrorCode } from '@plenum/shared';
import { ApiError } from '../../api/request';
import { ackErrorMessage, errorMessage } from '../../lib/errorMessages';

const isErrorCode = (code: string): code is ErrorCode => (errorCodes as readonly string[]).includes(code);

/** A failed REST call in the reader's words: the code's sentence and the fields the server named. */
export function apiErrorText(failure: string, error: unknown): string {
  if (!(error instanceof ApiError)) return `${failure} ${errorMessage('INTERNAL')}`;
  if (error.code === 'NETWORK') return `${failure} ${errorMessage('OFFLINE')}`;
  if (!isErrorCode(error.code)) return `${failure} ${error.message}`;
  return `${failure} ${ackErrorMessage({ code: error.code, issues: error.issues })}`;
}
