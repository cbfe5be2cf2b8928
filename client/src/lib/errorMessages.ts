/**
 * Why a command or a request was refused, in the reader's language (`refusals.*`, `refusal.*`):
 * words the first visit does not carry, so this module is loaded with them, by the screens whose
 * forms check before sending and by `ackErrorText` when the first refusal arrives.
 */

import {
  dayTitle,
  type ErrorCode,
  type Issue,
  type NoticeProblem,
  type Refusal,
  type Role,
  type SessionState,
} from '@plenum/shared';
import { i18n } from '../i18n';
import type { ClientErrorCode } from '../stores/connection';
import { sessionStore } from '../stores/session';
import { errorMessage } from './errorCodeMessage';
import { formatDate, formatTime } from './format';
import { issueInWords } from './issueWords';
import { topicIn } from './itemTitle';

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
  // What the preparation's forms send: the days, the agenda items, the settings, the invitations.
  'date',
  'startTime',
  'plannedEnd',
  'kind',
  'unitId',
  'plannedMinutes',
  'position',
  'thresholds',
  'warningBelow',
  'reportingGap',
  'jumpFactor',
  'conferenceLink',
  'role',
  'email',
  'language',
  'expiresAt',
  // What the chair's directive form sends besides: who it is for, what it came from.
  'assigneeUnitId',
  'subjectUnitId',
  'inspectorId',
  'fromCriticismId',
  'itemId',
  // What the chair's reassignment of an inspection order sends.
  'assigneeId',
  'directiveId',
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

const capitalised = (words: string) => words.charAt(0).toLocaleUpperCase() + words.slice(1);

/** The code's sentence, then each refused field with the schema's reason. */
function issuesMessage(error: { code: ErrorCode | ClientErrorCode; issues?: readonly Issue[] }): string {
  const issues = error.issues ?? [];
  if (issues.length === 0) return errorMessage(error.code);
  // Each reason is a sentence of its own: the field leads it, as a heading would.
  const fields = issues.map((issue) =>
    i18n.t('refusal.field', { field: capitalised(fieldInWords(issue.path)), detail: issueInWords(issue) }),
  );
  return `${errorMessage(error.code)} ${i18n.t('refusal.fields', { fields: fields.join(' ') })}`;
}

/**
 * One problem that stops the notice, naming the day, item or unit to fix by what the session
 * calls it (`session` is the state the names are read from).
 */
export function noticeProblemMessage(problem: NoticeProblem, session: SessionState): string {
  switch (problem.problem) {
    case 'day-in-past':
      return i18n.t('refusals.noticeProblem.dayInPast', {
        day: dayTitle(session, problem.dayId),
        date: formatDate(problem.date),
        noticeDate: formatDate(problem.noticeDate),
      });
    case 'day-without-items':
      return i18n.t('refusals.noticeProblem.dayWithoutItems', { day: dayTitle(session, problem.dayId) });
    case 'item-without-unit': {
      const item = session.agenda[problem.itemId];
      return i18n.t('refusals.noticeProblem.itemWithoutUnit', {
        topic: item ? topicIn(i18n.t, item) : problem.itemId,
        day: item ? dayTitle(session, item.dayId) : '',
      });
    }
    case 'unit-without-presenter':
      return i18n.t('refusals.noticeProblem.unitWithoutPresenter', {
        unit: session.units[problem.unitId]?.name ?? problem.unitId,
      });
  }
}

/**
 * Floor refusals a participant meets because the chair moved the agenda on meanwhile: said as
 * the chair's doing (`refusals.floorParticipant.*`), where the chair's words suppose their own
 * other screen.
 */
const participantFloorBlockers = ['item-not-live', 'no-live-item', 'item-not-started'] as const;
type ParticipantFloorBlocker = (typeof participantFloorBlockers)[number];
const isParticipantFloorBlocker = (blocker: string): blocker is ParticipantFloorBlocker =>
  (participantFloorBlockers as readonly string[]).includes(blocker);

/**
 * The real reason of a typed refusal and what to change, in the current language (`refusals.*`),
 * for the viewer's `role` (by default the session's viewer): a floor refusal reads differently
 * to the chair, who moves the agenda, and to a participant, whom it overtook.
 */
export function refusalMessage(
  refusal: Refusal,
  role: Role | null = sessionStore.getState().you?.role ?? null,
): string {
  switch (refusal.kind) {
    case 'time-already-extended':
      return refusal.endsAt === null
        ? i18n.t('refusals.timeAlreadyExtendedPaused', { count: refusal.allottedMinutes })
        : i18n.t('refusals.timeAlreadyExtended', { time: formatTime(refusal.endsAt), count: refusal.allottedMinutes });
    case 'notice-after-first-day':
      return i18n.t('refusals.noticeAfterFirstDay', {
        noticeDate: formatDate(refusal.noticeDate),
        firstDay: formatDate(refusal.firstDay),
      });
    case 'day-out-of-order':
      if (refusal.after !== null && refusal.before !== null) {
        return i18n.t('refusals.dayBetween', { after: formatDate(refusal.after), before: formatDate(refusal.before) });
      }
      return refusal.after !== null
        ? i18n.t('refusals.dayAfter', { after: formatDate(refusal.after) })
        : i18n.t('refusals.dayBefore', { before: formatDate(refusal.before ?? '') });
    case 'notice-problems': {
      const { session } = sessionStore.getState();
      return i18n.t('refusals.noticeProblems', {
        count: refusal.problems.length,
        problems: refusal.problems.map((problem) => noticeProblemMessage(problem, session)).join(' '),
      });
    }
    case 'day-before-notice':
      return i18n.t('refusals.dayBeforeNotice', { noticeDate: formatDate(refusal.noticeDate) });
    case 'empty-inspection-plan':
      return i18n.t('refusals.emptyInspectionPlan');
    case 'already-speaking':
      return i18n.t('refusals.alreadySpeaking');
    case 'endorse-blocked':
      return i18n.t(`refusals.endorse.${refusal.blocker}`);
    case 'directive-blocked':
      return i18n.t(`refusals.directive.${refusal.blocker}`, {
        directive: refusal.directive,
        holder: refusal.holder ?? '',
      });
    case 'report-not-submitted':
      return i18n.t('refusals.reportNotSubmitted', { unit: refusal.unit });
    case 'criticism-not-hidden':
      return i18n.t('refusals.criticismNotHidden');
    case 'handed-on':
      return i18n.t(`refusals.handedOn.${refusal.subject}`, {
        name: refusal.name,
        title: refusal.title,
        period: refusal.period,
      });
    case 'floor-blocked': {
      if (role !== null && role !== 'chair' && role !== 'administrator' && isParticipantFloorBlocker(refusal.blocker)) {
        return i18n.t(`refusals.floorParticipant.${refusal.blocker}`);
      }
      // The server names the live item in English: this screen words it again in its language.
      const live = refusal.liveItemId ? sessionStore.getState().session.agenda[refusal.liveItemId] : undefined;
      return i18n.t(`refusals.floor.${refusal.blocker}`, {
        item: live ? topicIn(i18n.t, live) : (refusal.liveItem ?? i18n.t('refusals.floor.theItem')),
        day: refusal.openDay ?? i18n.t('refusals.floor.theDay'),
      });
    }
  }
}

/** What a failed ack says of its refusal. */
export interface AckFailure {
  code: ErrorCode | ClientErrorCode;
  refusal?: Refusal;
  issues?: readonly Issue[];
}

/**
 * A failed ack in words: its real reason when the server gave one (for the viewer's `role`, by
 * default the session's viewer), else what its code means with the fields to change when the
 * server named them.
 */
export function ackErrorMessage(error: AckFailure, role?: Role | null): string {
  return error.refusal ? refusalMessage(error.refusal, role) : issuesMessage(error);
}
