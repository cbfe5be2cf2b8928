import {
  directiveStatements,
  fulfilment,
  isOverdue,
  readsHiddenCriticisms,
  unitFiguresClosedAt,
  unitFlags,
  verificationFindings,
  type CriticismState,
  type IndicatorState,
  type SessionState,
} from '@plenum/shared';
import { unitsInScope, type RecordsScope } from './access.js';
import {
  criticismsInScope,
  criticismText,
  dayNumber,
  directiveAssignee,
  directiveChain,
  directiveHolder,
  directiveUnit,
  directivesInScope,
  itemTitle,
  warningNoteText,
  participantName,
  rulingText,
  unitName,
} from './facts.js';
import { flagReason, flagTitle } from './flagText.js';
import { recordWords, type RecordLanguage, type RecordWords } from './i18n.js';

/** A typed cell: spreadsheets keep numbers as numbers and dates as dates. */
export type CellValue = string | number | boolean | Date | null;

/** How a column's values are written: `date` is a calendar day, `instant` a moment, `share` a ratio shown as a percentage. */
export type ColumnKind = 'text' | 'number' | 'share' | 'boolean' | 'date' | 'instant';

export interface RecordColumn {
  key: string;
  header: string;
  kind: ColumnKind;
}

/** One table of a record: its name (a file or a sheet), the language of its words, columns and rows. */
export interface RecordTable {
  name: TableName;
  lang: RecordLanguage;
  title: string;
  columns: RecordColumn[];
  rows: CellValue[][];
}

export const tableNames = ['results', 'verifications', 'criticisms', 'directives', 'warnings'] as const;
export type TableName = (typeof tableNames)[number];

type Row = Record<string, CellValue>;

function build(
  words: RecordWords,
  name: TableName,
  columns: readonly (readonly [key: string, kind: ColumnKind])[],
  rows: Row[],
): RecordTable {
  return {
    name,
    lang: words.lang,
    title: words.t(`sheets.${name}`),
    columns: columns.map(([key, kind]) => ({ key, kind, header: words.t(`columns.${key}`) })),
    rows: rows.map((row) => columns.map(([key]) => row[key] ?? null)),
  };
}

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);
const instant = (at: string | null | undefined) => (at ? new Date(at) : null);

/** One row per unit and indicator, with every figure and the flags on it (a report-wide flag on each of its rows). */
export function resultsTable(state: SessionState, scope: RecordsScope): RecordTable {
  const words = recordWords(scope.lang);
  const rows: Row[] = [];
  for (const unitId of unitsInScope(state, scope)) {
    const report = state.reports[unitId];
    const unit = state.units[unitId];
    if (!report) continue;
    const flags = unitFlags(state, unitId);
    for (const indicator of report.indicators) {
      const own = flags.filter((f) => f.indicatorId === null || f.indicatorId === indicator.id);
      rows.push({
        unitId,
        unit: unitName(state, unitId),
        ownership: unit ? words.t(`labels.ownership.${unit.ownership}`) : null,
        sector: unit?.sector ?? null,
        region: unit?.region ?? null,
        class: unit?.class ?? null,
        indicatorId: indicator.id,
        indicator: indicator.name,
        measure: indicator.measure,
        direction: words.t(`labels.direction.${indicator.direction ?? 'higher-is-better'}`),
        production: indicator.isProduction,
        weight: indicator.weight,
        planned: indicator.planned,
        reported: indicator.reported,
        verified: indicator.verified,
        previous: indicator.previous,
        fulfilment: fulfilment(indicator),
        reportedFulfilment: fulfilment({ ...indicator, verified: null } satisfies IndicatorState),
        finding: indicator.finding,
        flags: own.map((f) => flagTitle(words, f)).join('; ') || null,
        flagReasons: own.map((f) => flagReason(words, f, report)).join(' ') || null,
        revision: report.revision,
        submittedAt: instant(report.submittedAt),
      });
    }
  }
  return build(
    words,
    'results',
    [
      ['unitId', 'text'],
      ['unit', 'text'],
      ['ownership', 'text'],
      ['sector', 'text'],
      ['region', 'text'],
      ['class', 'text'],
      ['indicatorId', 'text'],
      ['indicator', 'text'],
      ['measure', 'text'],
      ['direction', 'text'],
      ['production', 'boolean'],
      ['weight', 'number'],
      ['planned', 'number'],
      ['reported', 'number'],
      ['verified', 'number'],
      ['previous', 'number'],
      ['fulfilment', 'share'],
      ['reportedFulfilment', 'share'],
      ['finding', 'text'],
      ['flags', 'text'],
      ['flagReasons', 'text'],
      ['revision', 'number'],
      ['submittedAt', 'instant'],
    ],
    rows,
  );
}

/**
 * Every verification of the units' figures in scope, one row each, by unit and indicator in the
 * report's order, oldest first: the value found, the one it replaced, when, by whom and with what
 * finding. `current` marks the one `results` holds; `afterClose`, one made after the unit's item
 * closed, which the minutes mark beside the figures as they stood at the close.
 */
export function verificationsTable(state: SessionState, scope: RecordsScope): RecordTable {
  const words = recordWords(scope.lang);
  const rows: Row[] = [];
  for (const unitId of unitsInScope(state, scope)) {
    const report = state.reports[unitId];
    if (!report) continue;
    for (const { indicator, recorded, earlier, later } of verificationFindings(
      report,
      unitFiguresClosedAt(state, unitId),
    )) {
      const byClose = [...earlier, ...(recorded ? [recorded] : [])];
      const all = [...byClose, ...later];
      all.forEach((change, index) =>
        rows.push({
          unitId,
          unit: unitName(state, unitId),
          indicatorId: indicator.id,
          indicator: indicator.name,
          measure: indicator.measure,
          reported: indicator.reported,
          verified: change.to,
          replaced: change.from,
          verifiedAt: instant(change.at),
          inspector: participantName(state, change.actorId),
          finding: change.finding,
          afterClose: index >= byClose.length,
          current: index === all.length - 1,
        }),
      );
    }
  }
  return build(
    words,
    'verifications',
    [
      ['unitId', 'text'],
      ['unit', 'text'],
      ['indicatorId', 'text'],
      ['indicator', 'text'],
      ['measure', 'text'],
      ['reported', 'number'],
      ['verified', 'number'],
      ['replaced', 'number'],
      ['verifiedAt', 'instant'],
      ['inspector', 'text'],
      ['finding', 'text'],
      ['afterClose', 'boolean'],
      ['current', 'boolean'],
    ],
    rows,
  );
}

/**
 * A criticism's hidings, one line each, oldest first: when and by whom it was hidden (with the
 * reason for those who may read it) and, once undone, when and by whom it was shown again.
 */
function hidingLines(state: SessionState, scope: RecordsScope, words: RecordWords, c: CriticismState): string | null {
  const mayReadReasons = readsHiddenCriticisms(scope.role);
  const lines = c.hidings.map((h) => {
    const hidden = { time: words.instant(h.at), name: participantName(state, h.actorId) };
    const line = mayReadReasons
      ? words.t('hidings.hiddenWithReason', { ...hidden, reason: h.reason })
      : words.t('hidings.hidden', hidden);
    return h.shown === null
      ? line
      : `${line}; ${words.t('hidings.shown', { time: words.instant(h.shown.at), name: participantName(state, h.shown.actorId) })}`;
  });
  return lines.length === 0 ? null : lines.join('\n');
}

/**
 * Every criticism on the items in scope; a hidden one's text and reason only for the chair. Its
 * hidings follow the columns it always had: the one in force (when, by whom), how many, and each
 * one in a line of `hidings`.
 */
export function criticismsTable(state: SessionState, scope: RecordsScope): RecordTable {
  const words = recordWords(scope.lang);
  const rows = criticismsInScope(state, scope).map((c): Row => {
    const inForce = c.hidden === null ? undefined : c.hidings.findLast((h) => h.shown === null);
    const item = state.agenda[c.itemId];
    const { text, hiddenReason } = criticismText(words, scope, c);
    const indicator = c.indicatorId
      ? state.reports[c.unitId ?? '']?.indicators.find((i) => i.id === c.indicatorId)
      : undefined;
    return {
      criticismId: c.id,
      day: item ? dayNumber(state, item.dayId) : null,
      item: item ? itemTitle(words, state, item) : null,
      unit: unitName(state, c.unitId) || null,
      indicator: indicator?.name ?? null,
      category: words.t(`labels.category.${c.category}`),
      severity: words.t(`labels.severity.${c.severity}`),
      author: participantName(state, c.authorId),
      postedAt: instant(c.postedAt),
      text,
      hidden: c.hidden !== null,
      hiddenReason,
      endorsements: c.endorsedBy.length,
      response: c.response?.text ?? null,
      ruling: c.ruling ? rulingText(words, c.ruling) : null,
      rulingNote: c.ruling?.note ?? null,
      referredTo: c.ruling?.referredTo ?? null,
      hiddenAt: instant(c.hidden?.at),
      hiddenBy: inForce ? participantName(state, inForce.actorId) : null,
      timesHidden: c.hidings.length,
      hidings: hidingLines(state, scope, words, c),
    };
  });
  return build(
    words,
    'criticisms',
    [
      ['criticismId', 'text'],
      ['day', 'number'],
      ['item', 'text'],
      ['unit', 'text'],
      ['indicator', 'text'],
      ['category', 'text'],
      ['severity', 'text'],
      ['author', 'text'],
      ['postedAt', 'instant'],
      ['text', 'text'],
      ['hidden', 'boolean'],
      ['hiddenReason', 'text'],
      ['endorsements', 'number'],
      ['response', 'text'],
      ['ruling', 'text'],
      ['rulingNote', 'text'],
      ['referredTo', 'text'],
      ['hiddenAt', 'instant'],
      ['hiddenBy', 'text'],
      ['timesHidden', 'number'],
      ['hidings', 'text'],
    ],
    rows,
  );
}

/**
 * Every directive in scope: the unit it is about, who it is assigned to (the inspector of an
 * inspection order, else the assignee unit), who holds an explanation on its way up the line,
 * the due date, status, the chain up the line and the last answer filed; `today` decides overdue.
 */
export function directivesTable(state: SessionState, scope: RecordsScope, today: string): RecordTable {
  const words = recordWords(scope.lang);
  const rows = directivesInScope(state, scope).map((d): Row => {
    // A rejected answer may be answered again: the last one stands.
    const answer = directiveStatements(state, d).findLast((s) => s.action === 'answered');
    return {
      directiveId: d.id,
      title: d.title,
      kind: words.t(`labels.directiveKind.${d.kind}`),
      unit: directiveUnit(state, d),
      assignedTo: directiveAssignee(state, d),
      holder: directiveHolder(state, d) || null,
      dueDate: day(d.dueDate),
      issuedAt: instant(d.issuedAt),
      status: words.t(`labels.directiveStatus.${d.status}`),
      chain: directiveChain(state, d),
      answer: answer?.text ?? null,
      answeredBy: answer?.actorName ?? null,
      answeredAt: instant(answer?.at),
      overdue: isOverdue(d, today),
      fromCriticism: d.fromCriticismId,
      origin: words.t(d.carriedFromSessionId === null ? 'origin.issued' : 'origin.carried'),
    };
  });
  return build(
    words,
    'directives',
    [
      ['directiveId', 'text'],
      ['title', 'text'],
      ['kind', 'text'],
      ['unit', 'text'],
      ['assignedTo', 'text'],
      ['holder', 'text'],
      ['dueDate', 'date'],
      ['issuedAt', 'instant'],
      ['status', 'text'],
      ['chain', 'text'],
      ['answer', 'text'],
      ['answeredBy', 'text'],
      ['answeredAt', 'instant'],
      ['overdue', 'boolean'],
      ['fromCriticism', 'text'],
      ['origin', 'text'],
    ],
    rows,
  );
}

/** The status word of a decision taken back, by what it had decided. */
const withdrawnStatus = {
  issued: 'withdrawn',
  waived: 'waiverWithdrawn',
  lifted: 'liftWithdrawn',
  escalated: 'escalationWithdrawn',
} as const;

/**
 * Warnings issued here or carried over (lifted, escalated), then the warnings proposed here and
 * waived: no warning id nor issue, the chair's reason as the decision note and when it was given.
 * Last, the decisions the chair took back (withdrawn): why as the decision note, and when.
 */
export function warningsTable(state: SessionState, scope: RecordsScope): RecordTable {
  const words = recordWords(scope.lang);
  const warnings = state.warningOrder.map((id) => state.warnings[id]!);
  const rows: Row[] = [
    ...warnings.map((w): Row => ({
      warningId: w.id,
      unit: unitName(state, w.unitId),
      origin: words.t(w.carriedFromSessionId === null ? 'origin.issued' : 'origin.carried'),
      period: w.period,
      status: words.t(`labels.warningStatus.${w.status}`),
      fulfilment: w.fulfilment,
      threshold: w.threshold,
      issuedAt: instant(w.issuedAt),
      note: warningNoteText(words, w),
      decisionNote: w.decisionNote,
      decidedAt: instant(w.decidedAt),
    })),
    ...Object.entries(state.waivers).map(([unitId, waiver]): Row => ({
      unit: unitName(state, unitId),
      origin: words.t('origin.proposed'),
      period: state.definition?.period ?? null,
      status: words.t('origin.waived'),
      fulfilment: waiver.fulfilment,
      threshold: state.definition?.thresholds.warningBelow ?? null,
      decisionNote: waiver.reason,
      decidedAt: instant(waiver.at),
    })),
    // A decision taken back: the warning or waiver as it was, the reason and time it was taken back.
    ...state.reconsidered.map((r): Row => {
      const warning = r.warningId === null ? undefined : state.warnings[r.warningId];
      const isReview = r.decision === 'lifted' || r.decision === 'escalated';
      return {
        warningId: r.warningId,
        unit: unitName(state, r.unitId),
        origin: words.t(isReview ? 'origin.carried' : r.decision === 'issued' ? 'origin.issued' : 'origin.proposed'),
        period: (isReview ? warning?.period : state.definition?.period) ?? null,
        status: words.t(`origin.${withdrawnStatus[r.decision]}`),
        fulfilment: r.fulfilment,
        threshold: (isReview ? warning?.threshold : state.definition?.thresholds.warningBelow) ?? null,
        issuedAt: isReview ? instant(warning?.issuedAt) : r.decision === 'issued' ? instant(r.decidedAt) : null,
        note: isReview ? (warning ? warningNoteText(words, warning) : null) : r.decision === 'issued' ? r.text : null,
        decisionNote: r.reason,
        decidedAt: instant(r.at),
      };
    }),
  ];
  return build(
    words,
    'warnings',
    [
      ['warningId', 'text'],
      ['unit', 'text'],
      ['origin', 'text'],
      ['period', 'text'],
      ['status', 'text'],
      ['fulfilment', 'share'],
      ['threshold', 'share'],
      ['issuedAt', 'instant'],
      ['note', 'text'],
      ['decisionNote', 'text'],
      ['decidedAt', 'instant'],
    ],
    rows,
  );
}
