import type { ErrorCode, Issue } from '@plenum/shared';
import { i18n } from '../i18n';
import type { ClientErrorCode } from '../stores/connection';

/**
 * What an error code from an ack, a handshake or this client means for the person at the
 * screen, and what they can do about it, in the current language (`errors.*` of the locales).
 */
export function errorMessage(code: ErrorCode | ClientErrorCode): string {
  return i18n.t(`errors.${code}`);
}

/** Fields whose name the locales know (`refusal.fieldName.*`); any other is shown as the protocol names it. */
const namedFields = [
  'title',
  'name',
  'topic',
  'text',
  'note',
  'reason',
  'remarks',
  'finding',
  'evidence',
  'dueDate',
  'noticeDate',
  'indicators',
  'planned',
  'reported',
  'verified',
  'previous',
  'weight',
  'measure',
] as const;
type NamedField = (typeof namedFields)[number];
const isNamedField = (key: string): key is NamedField => (namedFields as readonly string[]).includes(key);

/** A refused field in words: `command.payload.indicators.1.planned` is "indicator 2, planned". */
function fieldInWords(path: string): string {
  const segments = path
    .replace(/^command\.payload\.?/, '')
    .split('.')
    .filter(Boolean);
  const key = segments.filter((s) => !/^\d+$/.test(s)).at(-1) ?? path;
  const field = isNamedField(key) ? i18n.t(`refusal.fieldName.${key}`) : key;
  const row = segments.find((s) => /^\d+$/.test(s));
  return row === undefined ? field : i18n.t('refusal.row', { row: Number(row) + 1, field });
}

/**
 * What a refusal means, with the fields to change when the server named them: the code's
 * sentence, then each refused field with the schema's reason.
 */
export function refusalMessage(error: { code: ErrorCode | ClientErrorCode; issues?: readonly Issue[] }): string {
  const issues = error.issues ?? [];
  if (issues.length === 0) return errorMessage(error.code);
  const fields = issues.map((issue) =>
    i18n.t('refusal.field', { field: fieldInWords(issue.path), detail: issue.message }),
  );
  return `${errorMessage(error.code)} ${i18n.t('refusal.fields', { fields: fields.join('; ') })}`;
}
