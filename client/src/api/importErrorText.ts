import type { FileProblem, FileRefusal } from '@plenum/shared';
import { i18n } from '../i18n';
import { apiErrorText, type ApiErrorWording } from './apiErrorText';
import { ApiError } from './request';

/** An imported file refused as a whole carries `{ file }`: checked by hand, as zod stays out of the participants' bundle. */
export function fileProblemOf(error: unknown): FileProblem | null {
  if (!(error instanceof ApiError) || error.code !== 'INVALID_PAYLOAD') return null;
  const file = (error.data as Partial<FileRefusal> | null)?.file;
  return typeof file === 'object' && file !== null && typeof file.problem === 'string' ? file : null;
}

/**
 * A failed import in words ({@link apiErrorText}), and a file refused as a whole (not a
 * workbook, no rows, columns named otherwise) by why and what to do. Its words are the import
 * screens' own (`imports`), loaded with them.
 */
export function importErrorText(error: unknown, wording: ApiErrorWording): string {
  const problem = fileProblemOf(error);
  if (!problem) return apiErrorText(error, wording);
  switch (problem.problem) {
    case 'unrecognised-columns':
      return i18n.t('fileRefused.unrecognised-columns', {
        expected: problem.expected.join(', '),
        unrecognised:
          problem.unrecognised.length > 0 ? problem.unrecognised.join(', ') : i18n.t('fileRefused.noHeader'),
      });
    case 'unreadable-workbook':
    case 'unreadable-csv':
    case 'no-rows':
      return i18n.t(`fileRefused.${problem.problem}`);
  }
}
