import { errorCodes, type ErrorCode, type Issue } from '@plenum/shared';
import { ApiError } from '../../api/request';
import { i18n } from '../../i18n';
import { errorMessage } from '../../lib/errorMessages';

const isErrorCode = (code: string): code is ErrorCode => (errorCodes as readonly string[]).includes(code);

/** A failed REST call in words, in the current language. */
export function apiErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return i18n.t('admin.errors.network');
    if (error.code === 'UNAUTHENTICATED') return i18n.t('admin.errors.signedOut');
    if (isErrorCode(error.code)) return errorMessage(error.code);
  }
  return errorMessage('INTERNAL');
}

/**
 * A refused field's path, from the zod schema (`session.days.0.date`) or the server
 * (`body.session.thresholds.warningBelow`), as the form names its fields (`days.0.date`,
 * `warningBelow`): the body's nesting is the form's business, not the person's.
 */
export function fieldKey(path: string): string {
  return path
    .split('.')
    .filter((segment) => !['body', 'session', 'thresholds'].includes(segment))
    .join('.');
}

/** Issues by field key; the first message wins. */
export function issuesByField(issues: readonly Issue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) byField[fieldKey(issue.path)] ??= issue.message;
  return byField;
}
