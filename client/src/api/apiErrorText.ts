import { errorCodes, type ErrorCode } from '@plenum/shared';
import { i18n } from '../i18n';
import { errorMessage } from '../lib/errorCodeMessage';
import { ackErrorMessage } from '../lib/errorMessages';
import { ApiError } from './request';

const isErrorCode = (code: string): code is ErrorCode => (errorCodes as readonly string[]).includes(code);

export interface ApiErrorWording {
  /**
   * The link that signed the request: a refused administrator's link sends the reader to another
   * administrator, a refused invite link to whoever sent it.
   */
  link: 'administrator' | 'invite';
  /** Name the refused fields in the sentence; off where the form shows each beside its field. */
  withIssues: boolean;
}

/** A failed REST call in words, in the current language: what its code means for the reader. */
export function apiErrorText(error: unknown, { link, withIssues }: ApiErrorWording): string {
  if (!(error instanceof ApiError) || !(error.code === 'NETWORK' || isErrorCode(error.code))) {
    return errorMessage('INTERNAL');
  }
  // In `common`: a screen that reads the API may be loaded without the administrator's words.
  if (error.code === 'NETWORK') return i18n.t('errors.network');
  if (error.code === 'UNAUTHENTICATED' && link === 'administrator') return i18n.t('errors.revokedFor.administrator');
  return withIssues ? ackErrorMessage({ code: error.code, issues: error.issues }) : errorMessage(error.code);
}
