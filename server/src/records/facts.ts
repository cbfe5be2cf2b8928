import {
  agendaTopic,
  directivePersonName,
  directiveUnitId,
  itemKind,
  lineOf,
  minutesItemOf,
  type AgendaItemState,
  type CriticismState,
  type DirectiveState,
  type SessionState,
  type WarningRecord,
  criticismsInOrder,
  readsHiddenCriticisms,
  warningNote,
} from '@plenum/shared';
import { itemsInScope, type RecordsScope } from './access.js';
import type { RecordWords } from './i18n.js';

/** Whether an agenda item was dealt with: covered (closed), deferred, in progress or not covered. */
export type Coverage = 'covered' | 'deferred' | 'running' | 'uncovered';

export function coverageOf(item: AgendaItemState): Coverage {
  switch (item.status) {
    case 'closed':
      return 'covered';
    case 'deferred':
      return 'deferred';
    case 'presenting':
    case 'floor-open':
      return 'running';
    case 'pending':
      return 'uncovered';
  }
}

/** A unit's name, or its id when the session does not know it. */
export function unitName(state: SessionState, unitId: string | null): string {
  return unitId === null ? '' : (state.units[unitId]?.name ?? unitId);
}

/** A participant's name, or their id. */
export function participantName(state: SessionState, participantId: string): string {
  return state.participants[participantId]?.name ?? participantId;
}

/** An item's title: its unit and topic (the topic alone when it names the unit), or the general topic. */
export function itemTitle(words: RecordWords, state: SessionState, item: AgendaItemState): string {
  const topic = agendaTopic(item, (key, values) => words.t(key, values));
  if (item.unitId === null) {
    return itemKind(item) === 'topic' ? words.t('minutes.generalTopic', { topic }) : topic;
  }
  const unit = unitName(state, item.unitId);
  return topic.includes(unit) ? topic : `${unit} — ${topic}`;
}

/** A warning's note in the record's language: the standard one worded in it, one typed as typed. */
export function warningNoteText(
  words: RecordWords,
  warning: Pick<WarningRecord, 'note' | 'hasStandardNote' | 'fulfilment' | 'threshold'>,
): string | null {
  return warningNote(
    warning,
    (key, values) => words.t(key, values),
    (ratio) => words.percent(ratio),
  );
}

/** The day number (1-based) of a day id; 0 when the day is not in the definition. */
export function dayNumber(state: SessionState, dayId: string): number {
  return (state.definition?.days.findIndex((d) => d.id === dayId) ?? -1) + 1;
}

/** An item's position within its day, 1-based. */
export function itemPosition(state: SessionState, item: AgendaItemState): number {
  return state.agendaOrder.filter((id) => state.agenda[id]!.dayId === item.dayId).indexOf(item.id) + 1;
}

/** A ruling in words: "Upheld", "Dismissed", or "Referred to …". */
export function rulingText(words: RecordWords, ruling: NonNullable<CriticismState['ruling']>): string {
  return ruling.ruling === 'referred' && ruling.referredTo !== null
    ? words.t('labels.referredTo', { to: ruling.referredTo })
    : words.t(`labels.ruling.${ruling.ruling}`);
}

/** What the reader may read of a criticism: its text, and the reason it was hidden (chair only). */
export function criticismText(
  words: RecordWords,
  scope: RecordsScope,
  criticism: CriticismState,
): { text: string; hiddenReason: string | null } {
  if (criticism.hidden === null) return { text: criticism.text, hiddenReason: null };
  return readsHiddenCriticisms(scope.role)
    ? { text: criticism.text, hiddenReason: criticism.hidden.reason }
    : { text: words.t('hiddenText'), hiddenReason: null };
}

/** The criticisms raised on the items in scope, oldest first. */
export function criticismsInScope(state: SessionState, scope: RecordsScope): CriticismState[] {
  const items = new Set(itemsInScope(state, scope));
  return criticismsInOrder(state).filter((c) => items.has(c.itemId));
}

/** Directives in scope: all of them, or with `?day` those of the day's items. */
export function directivesInScope(state: SessionState, scope: RecordsScope): DirectiveState[] {
  const all = state.directiveOrder.map((id) => state.directives[id]!);
  if (scope.dayId === null) return all;
  const items = new Set(itemsInScope(state, scope));
  return all.filter((d) => {
    const itemId = minutesItemOf(state, d);
    return itemId !== null && items.has(itemId);
  });
}

/** Who a directive is assigned to: the inspector an inspection order names, else its assignee unit, by name. */
export function directiveAssignee(state: SessionState, directive: DirectiveState): string {
  if (!directive.inspectorId) return unitName(state, directive.assigneeUnitId);
  return directivePersonName(state, directive, directive.inspectorId);
}

/** The unit a directive is about, by name: the inspected unit of an inspection order, else its assignee unit. */
export function directiveUnit(state: SessionState, directive: DirectiveState): string {
  return unitName(state, directiveUnitId(directive));
}

/**
 * The unit holding an explanation of failure on its way up the line, by name; empty for any
 * other directive, which never leaves its assignee.
 */
export function directiveHolder(state: SessionState, directive: DirectiveState): string {
  return directive.kind === 'explain-failure' ? unitName(state, directive.holderUnitId) : '';
}

/**
 * The line an explanation of failure climbs: from its assignee up to the level that ordered it,
 * by name; empty for any other directive, which its assignee answers to the meeting itself.
 */
export function directiveChain(state: SessionState, directive: DirectiveState): string {
  if (directive.kind !== 'explain-failure') return '';
  const line = lineOf(state, directive.assigneeUnitId);
  const top = directive.orderedByUnitId === null ? line.length : line.indexOf(directive.orderedByUnitId) + 1;
  return line
    .slice(0, top > 0 ? top : line.length)
    .map((id) => unitName(state, id))
    .join(' → ');
}
