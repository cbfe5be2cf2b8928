import {
  Limits,
  isRuleReason,
  schemaMessageKey,
  type Issue,
  type RuleReason,
  type SchemaCheckReason,
} from '@plenum/shared';
import { i18n } from '../i18n';
import { formatDate, formatLimit } from './format';

/** What was checked, as the words group it: a text's length, a list's, a number's bounds. */
type Checked = 'text' | 'list' | 'number';

function checkedOf(reason: SchemaCheckReason): Checked | null {
  if (reason.origin === 'string') return 'text';
  if (reason.origin === 'array' || reason.origin === 'set') return 'list';
  if (reason.origin === 'number' || reason.origin === 'int' || reason.origin === 'bigint') return 'number';
  return null;
}

/** "at most 1,000,000" in the reader's language, to be said within a sentence of the caller's. */
export function numberAtMostWords(bound: number): string {
  return i18n.t('refusal.atMost', { value: formatLimit(bound) });
}

/** A bound the field missed, in words: too short or long, too small or large. */
function boundWords(reason: SchemaCheckReason, bound: number, side: 'min' | 'max'): string {
  const checked = checkedOf(reason);
  if (checked === 'text' || checked === 'list') {
    if (checked === 'text' && side === 'min' && bound === 1) return i18n.t('refusal.schema.required');
    const key = `${checked}${side === 'min' ? 'TooShort' : 'TooLong'}` as const;
    return i18n.t(`refusal.schema.${key}`, { count: bound });
  }
  if (checked === 'number') {
    const inclusive = reason.inclusive !== false;
    const key =
      side === 'min' ? (inclusive ? 'numberAtLeast' : 'numberAbove') : inclusive ? 'numberAtMost' : 'numberBelow';
    return i18n.t(`refusal.schema.${key}`, { value: formatLimit(bound) });
  }
  return i18n.t('refusal.schema.invalid');
}

const formatWords: Record<string, 'email' | 'url' | 'date' | 'datetime'> = {
  email: 'email',
  url: 'url',
  date: 'date',
  datetime: 'datetime',
};

/** Why a domain rule refused the field, with the facts it names. */
function ruleWords(reason: RuleReason): string {
  switch (reason.code) {
    case 'after-start-time':
      return i18n.t('refusal.rule.after-start-time', { time: reason.startTime });
    case 'period-not-after-previous':
      return i18n.t('refusal.rule.period-not-after-previous', { period: reason.previousPeriod });
    case 'already-followed-up':
      return i18n.t('refusal.rule.already-followed-up', { title: reason.title, period: reason.period });
    case 'recipient-only-when-referred':
      return i18n.t('refusal.rule.recipient-only-when-referred', { ruling: i18n.t(`labels.ruling.${reason.ruling}`) });
    case 'follow-up-convened':
      return i18n.t('refusal.rule.follow-up-convened', { sessionId: reason.sessionId });
    case 'day-before-today':
      return i18n.t('refusal.rule.day-before-today', { today: formatDate(reason.today) });
    case 'day-not-after-previous':
      return i18n.t('refusal.rule.day-not-after-previous', { after: formatDate(reason.after) });
    case 'due-date-past':
      return i18n.t('refusal.rule.due-date-past', { earliest: formatDate(reason.earliest) });
    case 'unknown-parent':
    case 'retired-parent':
      return i18n.t(`refusal.rule.${reason.code}`, { parentId: reason.parentId });
    case 'receiver-internal':
      return i18n.t('refusal.rule.receiver-internal', { host: reason.host, address: reason.address });
    case 'receiver-unresolved':
      return i18n.t('refusal.rule.receiver-unresolved', { host: reason.host });
    case 'duplicate-unit-id':
      return i18n.t('refusal.rule.duplicate-unit-id', { id: reason.id });
    case 'invited-already':
      return i18n.t('refusal.rule.invited-already', {
        name: reason.participant.name,
        by: i18n.t(`refusal.samePersonBy.${reason.sameBy}`),
      });
    case 'same-as-earlier-entry':
      return i18n.t('refusal.rule.same-as-earlier-entry', {
        entry: reason.entry,
        by: i18n.t(`refusal.samePersonBy.${reason.sameBy}`),
      });
    case 'not-a-session-role':
    case 'unknown-unit':
    case 'presenter-needs-unit':
    case 'unknown-session':
    case 'referral-needs-recipient':
    case 'level-convened-review':
    case 'no-units-below':
    case 'not-the-criticism-item':
    case 'only-for-inspection':
    case 'not-an-inspector':
    case 'unknown-participant':
    case 'expiry-not-future':
    case 'api-token-name-taken':
    case 'inspector-or-office':
    case 'parent-cycle':
      return i18n.t(`refusal.rule.${reason.code}`);
  }
}

/** What a generic check wanted, from its reason; null when the reason says nothing we word. */
function schemaCheckWords(reason: SchemaCheckReason): string | null {
  switch (reason.code) {
    case 'too_small':
      return reason.minimum === undefined ? null : boundWords(reason, reason.minimum, 'min');
    case 'too_big':
      return reason.maximum === undefined ? null : boundWords(reason, reason.maximum, 'max');
    case 'invalid_type':
      if (reason.expected === 'number') return i18n.t('refusal.schema.notNumber');
      if (reason.expected === 'int') return i18n.t('refusal.schema.wholeNumber');
      return i18n.t('refusal.schema.required');
    case 'invalid_format': {
      const format = formatWords[reason.format ?? ''];
      return i18n.t(format ? `refusal.schema.${format}` : 'refusal.schema.format');
    }
    case 'invalid_value':
      return i18n.t('refusal.schema.choice');
    case 'not_multiple_of':
    case 'unrecognized_keys':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return null;
  }
}

/**
 * A field's refusal in the reader's language: a schema's own message by its key, a generic
 * check or a domain rule from its reason; anything else (a server without reasons) as sent.
 */
export function issueInWords(issue: Issue): string {
  const key = schemaMessageKey(issue.message);
  if (key !== null) {
    return i18n.t(`refusal.schema.own.${key}`, {
      yearMin: Limits.yearMin,
      yearMax: Limits.yearMax,
      figureMin: formatLimit(Limits.figureMin),
    });
  }
  const { reason } = issue;
  if (reason === undefined) return issue.message;
  return (isRuleReason(reason) ? ruleWords(reason) : schemaCheckWords(reason)) ?? issue.message;
}
