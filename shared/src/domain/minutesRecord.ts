import type { DirectiveStep, Role } from '../protocol/index.js';
import { criticismOf } from './criticismTable.js';
import { unitFlags, type Flag } from './flags.js';
import type {
  AgendaItemState,
  CriticismHiding,
  CriticismState,
  DirectiveState,
  IndicatorState,
  ReportState,
  SessionState,
  VerificationChange,
} from './state.js';
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
 * One thing said or done on a directive, as the minutes record it:
 * - `answered`: the answer filed (an inspector's findings, a unit's explanation, a plan);
 * - `forwarded`: a level passing an explanation on up the line, with its remarks;
 * - `accepted` / `rejected`: the ordering level's review of the answer, with its note;
 * - `reassigned`: the chair giving an inspection order to another inspector.
 */
export interface DirectiveStatement {
  action: 'answered' | 'forwarded' | 'accepted' | 'rejected' | 'reassigned';
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
  /** `reassigned` only: the inspector it was taken from and the one it went to, by name; null: nobody. */
  reassignment: { from: string | null; to: string | null } | null;
}

const statementActions: ReadonlySet<DirectiveStep['action']> = new Set([
  'answered',
  'forwarded',
  'accepted',
  'rejected',
  'reassigned',
]);

/** What was answered, said and reassigned on a directive, oldest first; acknowledgements and closing add no words. */
export function directiveStatements(state: SessionState, directive: DirectiveState): DirectiveStatement[] {
  const name = (id: string | null | undefined) => (id ? directivePersonName(state, directive, id) : null);
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
            reassignment:
              step.action === 'reassigned' ? { from: name(step.fromAssigneeId), to: name(step.assigneeId) } : null,
          },
        ]
      : [],
  );
}

/** A criticism's hidings the chair undid, oldest first: the minutes list each; one still in force is `hidden`. */
export function hidingsShownAgain(criticism: CriticismState): ShownAgain[] {
  return criticism.hidings.filter((h): h is ShownAgain => h.shown !== null);
}

/** A hiding the chair undid. */
export type ShownAgain = CriticismHiding & { shown: NonNullable<CriticismHiding['shown']> };

/**
 * Whether a role's records, on screen and downloaded, give a hidden criticism's text and the
 * chair's reason for hiding it: the chair's and the administrator's. Others read only that it was
 * hidden, and when. The author's own card in the criticism list shows them the reason; that card
 * is not the record.
 */
export function readsHiddenCriticisms(role: Role): boolean {
  return role === 'chair' || role === 'administrator';
}

/**
 * Whether a general item is headed by its kind before its topic: only when that adds something,
 * not when the topic is, or starts with, the kind's own word (an opening's "Opening").
 */
export function namesItemKind(topic: string, kindLabel: string): boolean {
  const title = topic.trimStart().toLocaleLowerCase();
  const word = kindLabel.toLocaleLowerCase();
  // "Openings of the new mines" starts with the letters of "Opening", not with the word.
  return !title.startsWith(word) || /^[\p{L}\p{N}]/u.test(title.slice(word.length));
}

/**
 * An indicator's verifications as the minutes of an item record them: the one that stood when the
 * item closed, the ones it replaced, and the ones made after the close, which the record marks
 * rather than letting them change the figures the meeting saw.
 */
export interface VerificationFinding {
  indicator: IndicatorState;
  /** The last verification made by the close (the last of all for an item not closed); null: none by then. */
  recorded: VerificationChange | null;
  /** The verifications `recorded` replaced, oldest first. */
  earlier: VerificationChange[];
  /** The verifications made after the close, oldest first. */
  later: VerificationChange[];
}

/** An indicator's verifications, oldest first, split at `closedAt` (a verification at that instant counts as before it). */
function verificationsAround(report: ReportState, indicatorId: string, closedAt: string | null) {
  const all = report.history.filter(
    (c): c is VerificationChange => c.field === 'verified' && c.indicatorId === indicatorId,
  );
  const cut = closedAt === null ? -1 : all.findIndex((c) => Date.parse(c.at) > Date.parse(closedAt));
  return cut === -1 ? { until: all, later: [] } : { until: all.slice(0, cut), later: all.slice(cut) };
}

/**
 * The verified indicators of a report, in its order, as the minutes of an item closed at
 * `closedAt` record them (null: not closed, every verification counts).
 */
export function verificationFindings(report: ReportState, closedAt: string | null): VerificationFinding[] {
  return report.indicators.flatMap((indicator) => {
    const { until, later } = verificationsAround(report, indicator.id, closedAt);
    if (until.length === 0 && later.length === 0) return [];
    return [{ indicator, recorded: until.at(-1) ?? null, earlier: until.slice(0, -1), later }];
  });
}

/**
 * A report's indicators with the verified value, finding and evidence each had when the item
 * closed at `closedAt`: the figures its minutes show. As they stand now when it is not closed.
 */
export function indicatorsAtClose(report: ReportState, closedAt: string | null): IndicatorState[] {
  return report.indicators.map((indicator) => {
    const { until, later } = verificationsAround(report, indicator.id, closedAt);
    if (later.length === 0) return indicator;
    const recorded = until.at(-1);
    return {
      ...indicator,
      verified: recorded?.to ?? null,
      finding: recorded?.finding ?? null,
      evidence: recorded?.evidence ?? null,
    };
  });
}

/** A report with its indicators as {@link indicatorsAtClose} gives them: the one the minutes of an item closed at `closedAt` show. */
export function reportAtClose(report: ReportState, closedAt: string | null): ReportState {
  return closedAt === null ? report : { ...report, indicators: indicatorsAtClose(report, closedAt) };
}

/**
 * The flags the minutes of an item closed at `closedAt` list under the unit's figures: fired by
 * the figures as they stood then, so that a verification after the close (marked apart) changes
 * neither the figures nor their flags.
 */
export function flagsAtClose(state: SessionState, unitId: string, closedAt: string | null): Flag[] {
  const report = state.reports[unitId];
  return report ? unitFlags(state, unitId, reportAtClose(report, closedAt)) : [];
}

/**
 * The session with each unit's report as its results in the minutes show it (at
 * {@link unitFiguresClosedAt}): what the minutes' comparison and ranking are drawn from, so that
 * they say what the units' figures say.
 */
export function figuresAsRecorded(state: SessionState): SessionState {
  const closes = figuresClosedAt(state);
  if (closes.size === 0) return state;
  const reports = { ...state.reports };
  for (const [unitId, closedAt] of closes) {
    const report = reports[unitId];
    if (report) reports[unitId] = reportAtClose(report, closedAt);
  }
  return { ...state, reports };
}

/** {@link unitFiguresClosedAt} of every unit with a closed item, in one pass over the agenda. */
function figuresClosedAt(state: SessionState): Map<string, string> {
  const closes = new Map<string, string>();
  for (const id of state.agendaOrder) {
    const item = state.agenda[id];
    if (!item?.unitId || item.status !== 'closed' || item.closedAt === null) continue;
    const latest = closes.get(item.unitId);
    if (latest === undefined || Date.parse(item.closedAt) > Date.parse(latest)) closes.set(item.unitId, item.closedAt);
  }
  return closes;
}

/**
 * When the unit's figures were last closed on the agenda: the latest close of its closed items
 * (a reopened item counts once closed again); null while none is closed. The results in the
 * minutes show its figures as they stood then.
 */
export function unitFiguresClosedAt(state: SessionState, unitId: string): string | null {
  return figuresClosedAt(state).get(unitId) ?? null;
}
