import type { DirectiveStep } from '../protocol/index.js';
import { criticismOf } from './criticismTable.js';
import type { AgendaItemState, DirectiveState, IndicatorState, ReportState, SessionState } from './state.js';
import { directivePersonName } from './warnings.js';

/**
 * What the minutes record of an item, a directive and a report beyond their status, chosen once
 * here so that the minutes on screen and the PDF and Markdown minutes say the same things.
 */

/** A speech given on an item, with its length. */
export interface ItemSpeech {
  participantId: string;
  itemId: string;
  from: string;
  to: string;
  durationMs: number;
}

/** The speeches made on an item, in order, with their lengths. */
export function itemSpeeches(state: SessionState, itemId: string): ItemSpeech[] {
  return state.floor.speeches
    .filter((s) => s.itemId === itemId)
    .map((s) => ({ ...s, durationMs: Math.max(0, Date.parse(s.to) - Date.parse(s.from)) }));
}

/**
 * The agenda item whose minutes list a directive: its criticism's item, or the item it was issued
 * from. Null for a directive carried over from an earlier session (its item was that session's)
 * or issued outside any item: the minutes list those apart.
 */
export function minutesItemOf(state: SessionState, directive: DirectiveState): string | null {
  if (directive.carriedFromSessionId !== null) return null;
  if (directive.fromCriticismId !== null) return criticismOf(state, directive.fromCriticismId)?.itemId ?? null;
  return directive.itemId ?? null;
}

/** The directives the minutes list under `item`, in the order issued. */
export function directivesOfItem(state: SessionState, item: AgendaItemState): DirectiveState[] {
  return state.directiveOrder.flatMap((id) => {
    const directive = state.directives[id];
    return directive && minutesItemOf(state, directive) === item.id ? [directive] : [];
  });
}

/**
 * One thing said on a directive, as the minutes record it:
 * - `answered`: the answer filed (an inspector's findings, a unit's explanation, a plan);
 * - `forwarded`: a level passing an explanation on up the line, with its remarks;
 * - `accepted` / `rejected`: the ordering level's review of the answer, with its note.
 */
export interface DirectiveStatement {
  action: 'answered' | 'forwarded' | 'accepted' | 'rejected';
  /** What was said; null when a level passed it on or reviewed it without remarks. */
  text: string | null;
  /** Who said it, by name (as the session that recorded it knew them). */
  actorName: string;
  at: string;
  /** The unit it came from, and (an answer or a forwarding) the unit it went to. */
  unitId: string | null;
  toUnitId: string | null;
  /** Said in a lower level's follow-up session and relayed up here. */
  isRelayed: boolean;
}

const statementActions: ReadonlySet<DirectiveStep['action']> = new Set([
  'answered',
  'forwarded',
  'accepted',
  'rejected',
]);

/** What was answered and said on a directive, oldest first; acknowledgements and closing add no words. */
export function directiveStatements(state: SessionState, directive: DirectiveState): DirectiveStatement[] {
  return directive.steps.flatMap((step) =>
    statementActions.has(step.action)
      ? [
          {
            action: step.action as DirectiveStatement['action'],
            text: step.text,
            actorName: directivePersonName(state, directive, step.actorId),
            at: step.at,
            unitId: step.unitId,
            toUnitId: step.toUnitId,
            isRelayed: Boolean(step.fromSessionId),
          },
        ]
      : [],
  );
}

/** An indicator's verification as the minutes record it: the figure, the finding, who verified it and when. */
export interface VerificationFinding {
  indicator: IndicatorState;
  verified: number;
  finding: string | null;
  actorId: string | null;
  at: string | null;
}

/** The verified indicators of a report, in its order, with the last verification's author and time. */
export function verificationFindings(report: ReportState): VerificationFinding[] {
  return report.indicators.flatMap((indicator) => {
    if (indicator.verified === null) return [];
    const last = report.history.findLast((c) => c.indicatorId === indicator.id && c.field === 'verified');
    return [
      {
        indicator,
        verified: indicator.verified,
        finding: indicator.finding,
        actorId: last?.actorId ?? null,
        at: last?.at ?? null,
      },
    ];
  });
}
