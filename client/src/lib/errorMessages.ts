import type { ErrorCode } from '@plenum/shared';
import { i18n } from '../i18n';
import type { ClientErrorCode } from '../stores/connection';

/**
 * What an error code from an ack, a handshake or this client means for the person at the
 * screen, and what they can do about it, in the current language (`errors.*` of the locales).
 */
export function errorMessage(code: ErrorCode | ClientErrorCode): string {
  return i18n.t(`errors.${code}`);
}
