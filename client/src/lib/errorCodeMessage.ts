import type { ErrorCode, Role } from '@plenum/shared';
import { i18n } from '../i18n';
import type { ClientErrorCode } from '../stores/connection';

/**
 * What an error code from an ack, a handshake or this client means for the person at the
 * screen, and what they can do about it, in the current language (`errors.*` of the locales).
 * With the role known, a refused invite link says who gives a new one: the administrator for
 * a chair, the chair for everyone else.
 */
export function errorMessage(code: ErrorCode | ClientErrorCode, role: Role | null = null): string {
  if (code === 'UNAUTHENTICATED' && role !== null) {
    return i18n.t(role === 'chair' ? 'errors.revokedFor.chair' : 'errors.revokedFor.other');
  }
  return i18n.t(`errors.${code}`);
}
