import {
  compareBy,
  dayAttendance,
  dayById,
  defaultThresholds,
  directiveStatements,
  figureRevisions,
  figuresAsRecorded,
  flagsAtClose,
  fulfilment,
  hidingsShownAgain,
  indicatorsAtClose,
  itemPresenters,
  itemSpeeches,
  itemsOfDay,
  minutesItemOf,
  overallFulfilment,
  periodFigures,
  presentedAt,
  productionFulfilment,
  proposedWarnings,
  ranking,
  readsHiddenCriticisms,
  unitStandings,
  unitFiguresClosedAt,
  unitTrend,
  verificationFindings,
  type AgendaItemState,
  type ComparisonDimension,
  type CriticismState,
  type DirectiveState,
  type PeriodFigures,
  type SessionDay,
  type SessionState,
  type VerificationChange,
  criticismsInOrder,
} from '@plenum/shared';
import { accessOf, dayInScope, unitsInScope, type RecordsScope } from './access.js';
import { unshownMark, type Bar, type Block, type ListItem, type RecordDocument } from './document.js';
import {
  coverageOf,
  criticismText,
  dayNumber,
  directiveAssignee,
  directiveChain,
  directiveHolder,
  directiveUnit,
  directivesInScope,
  itemPosition,
  itemTitle,
  warningNoteText,
  participantName,
  rulingText,
  unitName,
} from './facts.js';
import { flagReason, flagTitle } from './flagText.js';
import { inspectionPlanBlocks } from './inspectionPlanMinutes.js';
import { recordWords, type RecordWords } from './i18n.js';
import { renderMarkdown } from './markdown.js';

const dimensions: readonly ComparisonDimension[] = ['ownership', 'sector', 'region'];

/** The entries of `list` under their key, each group in the list's order; entries without a key left out. */
function groupBy<T>(list: readonly T[], key: (entry: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of list) {
    const k = key(entry);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(entry);
    else groups.set(k, [entry]);
  }
  return groups;
}

/**
 * What the agenda items' sections list, grouped once per document rather than looked for per
 * item: a session of hundreds of items and thousands of criticisms scanned every criticism for
 * every item.
 */
interface ItemRecords {
  /** By item, in posting order. */
  criticisms: Map<string, CriticismState[]>;
  /** By item (`minutesItemOf`, as on screen), in the order issued; empty when the reader may not see directives. */
  directives: Map<string, DirectiveState[]>;
}

function itemRecords(state: SessionState, scope: RecordsScope): ItemRecords {
  const directives = accessOf(scope).decisions ? state.directiveOrder.map((id) => state.directives[id]!) : [];
  return {
    criticisms: groupBy(criticismsInOrder(state), (c) => c.itemId),
    directives: groupBy(directives, (d) => minutesItemOf(state, d)),
  };
}

/**
 * The minutes of a session (or of one day) a secretary would sign: header, each day's
 * attendance and agenda with what was said and ruled, the units' figures with their flags and
 * revisions, directives, warnings, the comparison and the ranking, and the log's head in the
 * footer, with its chain hash when given. What the reader's role may not see is left out or marked.
 * `earlier`: the figures of the quarters this session follows up, oldest first, for each unit's
 * streak under the threshold.
 */
export function minutesDocument(
  state: SessionState,
  scope: RecordsScope,
  headHash: string | null = null,
  earlier: readonly PeriodFigures[] = [],
): RecordDocument {
  const definition = state.definition;
  if (definition === null) throw new Error(`session ${state.sessionId} has no definition`);
  const words = recordWords(scope.lang);
  const { t } = words;
  const access = accessOf(scope);
  const days = definition.days.filter((d) => dayInScope(scope, d.id));
  const section = (text: string): Block => ({ kind: 'heading', level: 2, text, inContents: true });

  const day = scope.dayId === null ? null : days[0];
  const title = day
    ? t('minutes.dayTitle', { number: dayNumber(state, day.id), title: definition.title })
    : t('minutes.title', { title: definition.title });
  const chairs = Object.values(state.participants)
    .filter((p) => p.role === 'chair')
    .map((p) => p.name);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'table',
      headers: [t('minutes.details'), ''],
      rows: [
        [t('minutes.organisation'), definition.organisation],
        [t('minutes.period'), definition.period],
        [t('minutes.chair'), chairs.join(', ')],
        [t('minutes.conferenceLink'), definition.conferenceLink ?? t('minutes.notSet')],
        [t('minutes.notice'), state.noticeDate ?? t('minutes.notSet')],
        [t('minutes.status'), t(`labels.sessionStatus.${state.status}`)],
      ],
    },
    { kind: 'heading', level: 2, text: t('minutes.days') },
    daysTable(state, words, days),
    { kind: 'contents', title: t('minutes.contents') },
  ];
  const records = itemRecords(state, scope);
  for (const d of days) {
    blocks.push(
      section(t('minutes.day', { title: d.title, date: d.date })),
      ...dayBlocks(state, scope, words, records, d),
    );
  }
  blocks.push(section(t('minutes.results')), ...resultsBlocks(state, scope, words, earlier));
  if (access.decisions) {
    blocks.push(section(t('minutes.directives')), ...directivesBlocks(state, scope, words));
    if (scope.dayId === null) {
      // The standings from the units' figures as their results above show them (at each close).
      const recorded = figuresAsRecorded(state);
      blocks.push(section(t('minutes.warnings')), ...warningsBlocks(state, recorded, words));
      blocks.push(section(t('minutes.comparison')), ...comparisonBlocks(recorded, words));
      const plans = inspectionPlanBlocks(state, words);
      if (plans.length > 0) blocks.push(section(t('minutes.inspectionPlans')), ...plans);
    }
  }
  const footer =
    headHash === null
      ? t('minutes.footer', { seq: state.lastSeq })
      : t('minutes.footerChained', { seq: state.lastSeq, hash: headHash });
  return { title, blocks, footer, unshownNote: t('minutes.unshownNote', { mark: unshownMark }) };
}

/** The minutes as Markdown, with the chain hash of the log's head in the footer when given. */
export function minutesMarkdown(
  state: SessionState,
  scope: RecordsScope,
  headHash: string | null = null,
  earlier: readonly PeriodFigures[] = [],
): string {
  return renderMarkdown(minutesDocument(state, scope, headHash, earlier));
}

/** A day's time as `09:00–17:00`, or what is set of it. */
function dayTime(day: SessionDay): string {
  return [day.startTime ?? '', day.plannedEnd ?? ''].filter((x) => x !== '').join('–');
}

/**
 * The days in scope: number, date, theme, time and status. Hours are optional when convening, so
 * the time column shows only when some day has them; a day without them then reads 'not set'.
 */
function daysTable(state: SessionState, words: RecordWords, days: readonly SessionDay[]): Block {
  const { t } = words;
  const hasHours = days.some((d) => dayTime(d) !== '');
  return {
    kind: 'table',
    headers: [
      t('minutes.dayTable.number'),
      t('minutes.dayTable.date'),
      t('minutes.dayTable.theme'),
      ...(hasHours ? [t('minutes.dayTable.time')] : []),
      t('minutes.dayTable.status'),
    ],
    rows: days.map((d) => [
      dayNumber(state, d.id),
      d.date,
      d.title,
      ...(hasHours ? [dayTime(d) || t('minutes.notSet')] : []),
      t(`labels.dayStatus.${state.days[d.id]?.status ?? 'scheduled'}`),
    ]),
    numeric: [0],
  };
}

const none = (words: RecordWords): Block => ({ kind: 'paragraph', text: words.t('minutes.none') });

function dayBlocks(
  state: SessionState,
  scope: RecordsScope,
  words: RecordWords,
  records: ItemRecords,
  day: SessionDay,
): Block[] {
  const { t } = words;
  const dayState = state.days[day.id] ?? { status: 'scheduled', openedAt: null, adjournedAt: null, reopenings: [] };
  const facts = [t('minutes.dayLine', { date: day.date, status: t(`labels.dayStatus.${dayState.status}`) })];
  if (dayState.openedAt) facts.push(t('minutes.opened', { time: words.instant(dayState.openedAt) }));
  for (const r of dayState.reopenings) {
    if (r.endedAt) facts.push(t('minutes.adjourned', { time: words.instant(r.endedAt) }));
    facts.push(t('minutes.reopened', { time: words.instant(r.at), reason: r.reason }));
  }
  if (dayState.adjournedAt) facts.push(t('minutes.adjourned', { time: words.instant(dayState.adjournedAt) }));
  const blocks: Block[] = [{ kind: 'paragraph', text: facts.join(' · ') }];

  const attendance = attendanceBlocks(state, scope, words, day.id);
  if (attendance.length > 0) blocks.push({ kind: 'heading', level: 3, text: t('minutes.attendance') }, ...attendance);

  const items = itemsOfDay(state, day.id);
  blocks.push({ kind: 'heading', level: 3, text: t('minutes.agenda') });
  if (items.length === 0) return [...blocks, none(words)];
  blocks.push({
    kind: 'table',
    headers: [
      t('minutes.agendaTable.position'),
      t('minutes.agendaTable.item'),
      t('minutes.agendaTable.minutes'),
      t('minutes.agendaTable.status'),
    ],
    rows: items.map((item, i) => [
      i + 1,
      itemTitle(words, state, item),
      t('minutes.plannedMinutes', { count: item.plannedMinutes }),
      coverageText(state, words, item),
    ]),
    numeric: [0],
  });
  items.forEach((item, i) => blocks.push(...itemBlocks(state, scope, words, records, item, i + 1)));
  return blocks;
}

function coverageText(state: SessionState, words: RecordWords, item: AgendaItemState): string {
  const coverage = coverageOf(item);
  const target = item.deferredToItemId === null ? undefined : state.agenda[item.deferredToItemId];
  const day = target && dayById(state, target.dayId);
  return coverage === 'deferred' && day
    ? words.t('minutes.deferredTo', { day: day.title })
    : // A closed item reads as the screens' status word.
      coverage === 'covered'
      ? words.t('labels.agendaStatus.closed')
      : words.t(`coverage.${coverage}`);
}

/** Attendance of a day as the reader's role may see it: names (chair), a count, or nothing. */
function attendanceBlocks(state: SessionState, scope: RecordsScope, words: RecordWords, dayId: string): Block[] {
  const access = accessOf(scope).attendance;
  if (access === 'none') return [];
  const { t } = words;
  const { invited, present, absent, connected } = dayAttendance(state, dayId);
  const count: Block = {
    kind: 'paragraph',
    text: t('minutes.attendanceCount', { present: present.length, invited: invited.length, connected }),
  };
  if (access === 'counts') return [count];
  const line = (label: string, list: typeof invited): ListItem => ({
    text: `${label}: ${
      list.length === 0 ? t('minutes.none') : list.map((p) => `${p.name} (${t(`labels.role.${p.role}`)})`).join(', ')
    }`,
  });
  return [
    count,
    {
      kind: 'list',
      items: [line(t('minutes.present'), present), line(t('minutes.absent'), absent)],
    },
  ];
}

function criticismItem(state: SessionState, scope: RecordsScope, words: RecordWords, c: CriticismState): ListItem {
  const { t } = words;
  const indicator = c.indicatorId
    ? state.reports[c.unitId ?? '']?.indicators.find((x) => x.id === c.indicatorId)
    : undefined;
  const strong = [
    t('minutes.criticismLine', {
      category: t(`labels.category.${c.category}`),
      severity: t(`labels.severity.${c.severity}`),
      author: participantName(state, c.authorId),
      time: words.instant(c.postedAt),
    }),
    indicator ? t('minutes.onIndicator', { indicator: indicator.name }) : null,
    c.endorsedBy.length > 0 ? t('minutes.endorsements', { count: c.endorsedBy.length }) : null,
  ]
    .filter((x) => x !== null)
    .join(' · ');
  const { text, hiddenReason } = criticismText(words, scope, c);
  const mayReadReasons = readsHiddenCriticisms(scope.role);
  const lines: NonNullable<ListItem['lines']> = hidingsShownAgain(c).map((h) => {
    const times = { time: words.instant(h.at), shown: words.instant(h.shown.at) };
    return {
      text: mayReadReasons
        ? t('minutes.hiddenThenShownWithReason', { ...times, reason: h.reason })
        : t('minutes.hiddenThenShown', times),
      italic: true,
    };
  });
  if (c.hidden !== null) {
    lines.push({
      text: hiddenReason === null ? t('minutes.hidden') : t('minutes.hiddenWithReason', { reason: hiddenReason }),
      italic: true,
    });
  }
  if (c.hidden === null || hiddenReason !== null) lines.push({ text });
  if (c.response) lines.push({ text: t('minutes.response', { text: c.response.text }) });
  lines.push({
    text:
      c.ruling === null
        ? t('minutes.awaitingRuling')
        : c.ruling.note
          ? t('minutes.rulingNote', { ruling: rulingText(words, c.ruling), note: c.ruling.note })
          : t('minutes.ruling', { ruling: rulingText(words, c.ruling) }),
  });
  return { strong, lines };
}

function itemBlocks(
  state: SessionState,
  scope: RecordsScope,
  words: RecordWords,
  records: ItemRecords,
  item: AgendaItemState,
  position: number,
): Block[] {
  const { t } = words;
  const facts = [coverageText(state, words, item)];
  if (item.startedAt) facts.push(t('minutes.started', { time: words.instant(item.startedAt) }));
  for (const r of item.reopenings) {
    if (r.endedAt) facts.push(t('minutes.closed', { time: words.instant(r.endedAt) }));
    facts.push(t('minutes.itemReopened', { time: words.instant(r.at), reason: r.reason }));
  }
  if (item.closedAt) facts.push(t('minutes.closed', { time: words.instant(item.closedAt) }));
  if (item.timer.extraMinutes > 0) facts.push(t('minutes.extended', { count: item.timer.extraMinutes }));
  const blocks: Block[] = [
    { kind: 'heading', level: 4, text: t('minutes.itemHeading', { position, title: itemTitle(words, state, item) }) },
    { kind: 'paragraph', text: facts.join(' · ') },
  ];
  const presenters = itemPresenters(state, item);
  if (presenters.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: t('minutes.presenters', { names: presenters.map((p) => p.name).join(', ') }),
    });
  }
  const criticisms = records.criticisms.get(item.id) ?? [];
  if (item.startedAt !== null || criticisms.length > 0) {
    blocks.push(
      { kind: 'heading', level: 5, text: t('minutes.criticisms') },
      criticisms.length === 0
        ? { kind: 'paragraph', text: t('minutes.noCriticism') }
        : { kind: 'list', ordered: true, items: criticisms.map((c) => criticismItem(state, scope, words, c)) },
    );
  }
  const speeches = itemSpeeches(state, item.id);
  if (speeches.length > 0) {
    blocks.push(
      { kind: 'heading', level: 5, text: t('minutes.speeches') },
      {
        kind: 'list',
        items: speeches.map((speech) => ({
          text: t('minutes.speechLine', {
            name: participantName(state, speech.participantId),
            from: words.time(speech.from),
            to: words.time(speech.to),
            duration: words.duration(speech.durationMs),
          }),
        })),
      },
    );
  }
  const directives = records.directives.get(item.id) ?? [];
  if (directives.length > 0) {
    blocks.push(
      { kind: 'heading', level: 5, text: t('minutes.directives') },
      { kind: 'list', items: directives.map((d) => directiveItem(state, words, d)) },
    );
  }
  return blocks;
}

/** A directive as a list entry: what, about which unit, to whom, by when, where it stands, and what was said on it. */
function directiveItem(state: SessionState, words: RecordWords, d: DirectiveState): ListItem {
  const { t } = words;
  const unit = directiveUnit(state, d);
  const assignee = directiveAssignee(state, d);
  return {
    strong: d.title,
    text: [
      '',
      t(`labels.directiveKind.${d.kind}`),
      unit,
      ...(assignee === unit ? [] : [t('minutes.assignedTo', { name: assignee })]),
      d.dueDate,
      t(`labels.directiveStatus.${d.status}`),
    ].join(' · '),
    lines: statementLines(state, words, d),
  };
}

/** What was answered and said on a directive, one line each, as the minutes on screen list it. */
function statementLines(state: SessionState, words: RecordWords, d: DirectiveState): ListItem['lines'] {
  const { t } = words;
  return directiveStatements(state, d).map((s) => {
    if (s.reassignment !== null) {
      const nobody = t('minutes.statement.nobody');
      return {
        text: t('minutes.statement.reassigned', {
          name: s.actorName,
          time: words.instant(s.at),
          from: s.reassignment.from ?? nobody,
          to: s.reassignment.to ?? nobody,
        }),
      };
    }
    const said = `${t(`minutes.statement.${s.action}`, {
      name: s.actorName,
      from: unitName(state, s.unitId),
      to: unitName(state, s.toUnitId),
      time: words.instant(s.at),
    })} ${s.text ?? t('minutes.statement.noRemarks')}`;
    return { text: s.isRelayed ? `${said} ${t('minutes.statement.relayed')}` : said };
  });
}

function resultsBlocks(
  state: SessionState,
  scope: RecordsScope,
  words: RecordWords,
  earlier: readonly PeriodFigures[],
): Block[] {
  const { t } = words;
  const blocks: Block[] = [];
  const current = periodFigures(state);
  const periods = current === null ? earlier : [...earlier, current];
  for (const unitId of unitsInScope(state, scope)) {
    const report = state.reports[unitId];
    blocks.push({ kind: 'heading', level: 3, text: unitName(state, unitId) });
    if (!report) {
      blocks.push({ kind: 'paragraph', text: t('minutes.noReport') });
      continue;
    }
    if (presentedAt(state, unitId) === null) {
      blocks.push({ kind: 'paragraph', text: t('minutes.notPresented') });
      continue;
    }
    // The figures as they stood when the unit's item closed; a later verification is marked below.
    const closedAt = unitFiguresClosedAt(state, unitId);
    const indicators = indicatorsAtClose(report, closedAt);
    blocks.push(
      {
        kind: 'paragraph',
        text: t('minutes.revision', { revision: report.revision, time: words.instant(report.submittedAt) }),
      },
      {
        kind: 'table',
        headers: [
          t('minutes.figures.indicator'),
          t('minutes.figures.measure'),
          t('minutes.figures.direction'),
          t('minutes.figures.planned'),
          t('minutes.figures.reported'),
          t('minutes.figures.verified'),
          t('minutes.figures.fulfilment'),
        ],
        rows: indicators.map((i) => [
          i.isProduction ? `${i.name} (${t('minutes.production')})` : i.name,
          i.measure,
          t(`labels.direction.${i.direction ?? 'higher-is-better'}`),
          words.figure(i.planned),
          words.figure(i.reported),
          i.verified === null ? '—' : words.figure(i.verified),
          words.percent(fulfilment(i)),
        ]),
        numeric: [3, 4, 5, 6],
      },
      {
        kind: 'paragraph',
        text: t('minutes.overall', {
          production: words.percent(productionFulfilment(indicators)),
          overall: words.percent(overallFulfilment(indicators)),
        }),
      },
    );
    // One quarter under the threshold the ranking shows already; a second in a row is news.
    const trend = state.units[unitId] ? unitTrend(periods, state.units[unitId]) : null;
    const streak = trend?.streak ?? null;
    if (trend !== null && streak !== null && streak.quarters >= 2) {
      blocks.push({
        kind: 'paragraph',
        text: t('minutes.streak', {
          count: streak.quarters,
          ordinal: true,
          threshold: words.percent(streak.threshold),
          from: streak.from,
          to: streak.to,
        }),
      });
      blocks.push(
        thresholdChart(
          words,
          t('minutes.chart.quarters', { unit: unitName(state, unitId) }),
          trend.points.map((p) => shareBar(words, p.period, p.production, p.isUnderThreshold)),
          streak.threshold,
        ),
      );
    }
    const findings = verificationFindings(report, closedAt);
    if (findings.length > 0) {
      blocks.push(
        { kind: 'heading', level: 4, text: t('minutes.verifications') },
        {
          kind: 'list',
          items: findings.map(({ indicator, recorded, earlier, later }): ListItem => {
            const amount = (value: number) => `${words.figure(value)} ${indicator.measure}`;
            const reported = amount(indicator.reported);
            const other = (key: string, c: VerificationChange) =>
              `${t(key, {
                verified: amount(c.to),
                time: words.instant(c.at),
                name: participantName(state, c.actorId),
              })}${c.finding ? `: ${c.finding}` : ''}`;
            // A later verification is the record's remark on the figures, set apart as a hiding is.
            const lines = [
              ...earlier.map((c) => ({ text: other('minutes.verifiedEarlier', c) })),
              ...later.map((c) => ({ text: other('minutes.verifiedAfterClose', c), italic: true })),
            ];
            if (recorded === null) {
              return { strong: t('minutes.notVerifiedAtClose', { indicator: indicator.name, reported }), lines };
            }
            const by = t('minutes.verifiedBy', {
              name: participantName(state, recorded.actorId),
              time: words.instant(recorded.at),
            });
            return {
              strong: t('minutes.verificationLine', {
                indicator: indicator.name,
                verified: amount(recorded.to),
                reported,
              }),
              text: ` — ${by}${recorded.finding ? `: ${recorded.finding}` : ''}`,
              lines,
            };
          }),
        },
      );
    }
    // Fired by the figures above, as the closed item left them.
    const flags = flagsAtClose(state, unitId, closedAt);
    blocks.push(
      { kind: 'heading', level: 4, text: t('minutes.flags') },
      flags.length === 0
        ? { kind: 'paragraph', text: t('minutes.noFlags') }
        : {
            kind: 'list',
            items: flags.map((f) => ({ strong: flagTitle(words, f), text: `: ${flagReason(words, f, report)}` })),
          },
    );
    const revisions = figureRevisions(report);
    if (revisions.length > 0) {
      const change = (from: number | null, to: number | null) =>
        from === to ? words.figure(to ?? 0) : `${from === null ? '—' : words.figure(from)} → ${words.figure(to ?? 0)}`;
      blocks.push(
        { kind: 'heading', level: 4, text: t('minutes.revisions') },
        {
          kind: 'list',
          items: revisions.map((r) => ({
            text: t('minutes.revisionLine', {
              indicator: report.indicators.find((i) => i.id === r.indicatorId)?.name ?? r.indicatorId,
              time: words.instant(r.at),
              planned: change(r.before.planned, r.after.planned),
              reported: change(r.before.reported, r.after.reported),
            }),
          })),
        },
      );
    }
  }
  return blocks.length === 0 ? [none(words)] : blocks;
}

function directivesBlocks(state: SessionState, scope: RecordsScope, words: RecordWords): Block[] {
  const { t } = words;
  const directives = directivesInScope(state, scope);
  if (directives.length === 0) return [none(words)];
  return [
    {
      kind: 'table',
      headers: [
        t('minutes.directivesTable.title'),
        t('minutes.directivesTable.kind'),
        t('minutes.directivesTable.unit'),
        t('minutes.directivesTable.assignedTo'),
        t('minutes.directivesTable.holder'),
        t('minutes.directivesTable.due'),
        t('minutes.directivesTable.status'),
        t('minutes.directivesTable.chain'),
        t('minutes.directivesTable.source'),
      ],
      rows: directives.map((d) => {
        const itemId = minutesItemOf(state, d);
        const item = itemId === null ? undefined : state.agenda[itemId];
        const source = item
          ? t('minutes.fromItem', { position: itemPosition(state, item), day: dayNumber(state, item.dayId) })
          : d.cascadedFromSessionId
            ? t('minutes.cameDown')
            : d.carriedFromSessionId !== null
              ? t('minutes.carried')
              : '';
        return [
          d.title,
          t(`labels.directiveKind.${d.kind}`),
          directiveUnit(state, d),
          directiveAssignee(state, d),
          directiveHolder(state, d),
          d.dueDate,
          t(`labels.directiveStatus.${d.status}`),
          directiveChain(state, d),
          source,
        ];
      }),
    },
    ...otherAnswers(state, directives, words),
  ];
}

/**
 * What was answered and said on the directives no agenda item of the minutes lists (carried over,
 * come down, issued outside an item): the items' own sections say it of theirs.
 */
function otherAnswers(state: SessionState, directives: readonly DirectiveState[], words: RecordWords): Block[] {
  const answered = directives.flatMap((d) => {
    const itemId = minutesItemOf(state, d);
    if (itemId !== null && state.agenda[itemId]) return [];
    const lines = statementLines(state, words, d) ?? [];
    return lines.length === 0 ? [] : [{ strong: d.title, lines }];
  });
  if (answered.length === 0) return [];
  return [
    { kind: 'heading', level: 3, text: words.t('minutes.otherAnswers') },
    { kind: 'list', items: answered },
  ];
}

/** `recorded`: the session with the units' figures as the minutes record them ({@link figuresAsRecorded}). */
function warningsBlocks(state: SessionState, recorded: SessionState, words: RecordWords): Block[] {
  const { t } = words;
  const warnings = state.warningOrder.map((id) => state.warnings[id]!);
  const issued = warnings.filter((w) => w.carriedFromSessionId === null);
  const carried = warnings.filter((w) => w.carriedFromSessionId !== null);
  const waivers = Object.entries(state.waivers);
  // What the chair has yet to decide on, from the figures as they stand now.
  const proposed = proposedWarnings(state);
  const production = new Map(unitStandings(recorded).map((s) => [s.unit.id, s.production]));
  const h = (key: string) => t(`minutes.warningsTable.${key}`);
  const part = (title: string, headers: string[], rows: (string | number)[][], numeric: number[]): Block[] => [
    { kind: 'heading', level: 3, text: title },
    rows.length === 0 ? none(words) : { kind: 'table', headers, rows, numeric },
  ];
  return [
    ...part(
      t('minutes.warningsIssued'),
      [h('unit'), h('fulfilment'), h('threshold'), h('note')],
      issued.map((w) => [
        unitName(state, w.unitId),
        words.percent(w.fulfilment),
        words.percent(w.threshold),
        warningNoteText(words, w) ?? '',
      ]),
      [1, 2],
    ),
    ...part(
      t('minutes.warningsWaived'),
      [h('unit'), h('fulfilment'), h('reason')],
      waivers.map(([unitId, w]) => [unitName(state, unitId), words.percent(w.fulfilment), w.reason]),
      [1],
    ),
    // Only when the chair took a decision back: most sessions have none to list.
    ...(state.reconsidered.length === 0
      ? []
      : part(
          t('minutes.warningsReconsidered'),
          [h('unit'), h('decision'), h('fulfilment'), h('decisionText'), h('takenBack'), h('reason')],
          state.reconsidered.map((r) => [
            unitName(state, r.unitId),
            t(`minutes.reconsidered.${r.decision}`, { time: words.time(r.decidedAt) }),
            words.percent(r.fulfilment),
            r.text ?? '',
            words.time(r.at),
            r.reason,
          ]),
          [2],
        )),
    ...part(
      t('minutes.warningsProposed'),
      [h('unit'), h('fulfilment'), h('threshold')],
      proposed.map((p) => [unitName(state, p.unitId), words.percent(p.fulfilment), words.percent(p.threshold)]),
      [1, 2],
    ),
    // Both figures, as the screen's second reviews show them: the one warned on, and this period's.
    ...part(
      t('minutes.secondReviews'),
      [h('unit'), h('period'), h('fulfilmentWarned'), h('fulfilmentNow'), h('status'), h('note')],
      carried.map((w) => [
        unitName(state, w.unitId),
        w.period,
        words.percent(w.fulfilment),
        words.percent(production.get(w.unitId) ?? null),
        t(`labels.warningStatus.${w.status}`),
        w.decisionNote ?? '',
      ]),
      [2, 3],
    ),
    // A level's follow-up shows the higher review's warnings it takes up; other sessions have none.
    ...(state.cascadedWarnings.length === 0
      ? []
      : part(
          t('minutes.warningsCascaded'),
          [h('unit'), h('period'), h('fulfilment'), h('threshold'), h('note')],
          state.cascadedWarnings.map((w) => [
            unitName(state, w.unitId),
            w.period,
            words.percent(w.fulfilment),
            words.percent(w.threshold),
            warningNoteText(words, w) ?? '',
          ]),
          [2, 3],
        )),
  ];
}

/** Bars of shares against the warning threshold (a chart of the PDF; the Markdown keeps the text beside it). */
function thresholdChart(words: RecordWords, title: string, bars: Bar[], threshold: number): Block {
  const { t } = words;
  return {
    kind: 'bars',
    title,
    bars,
    threshold: { value: threshold, label: t('minutes.chart.threshold', { threshold: words.percent(threshold) }) },
    belowLegend: t('minutes.chart.below'),
  };
}

/** One bar of a share, with its text; "no figure" without one. */
function shareBar(words: RecordWords, label: string, value: number | null, below: boolean): Bar {
  return { label, value, text: value === null ? words.t('minutes.chart.noFigure') : words.percent(value), below };
}

function comparisonBlocks(state: SessionState, words: RecordWords): Block[] {
  const { t } = words;
  const h = (key: string) => t(`minutes.comparisonTable.${key}`);
  const group = (dimension: ComparisonDimension, key: string) =>
    dimension === 'ownership' && key !== 'none' ? t(`labels.ownership.${key}`) : key;
  const threshold = state.definition?.thresholds.warningBelow ?? defaultThresholds.warningBelow;
  const chart = (title: string, bars: Bar[]): Block => thresholdChart(words, title, bars, threshold);
  const bar = (label: string, value: number | null, below: boolean): Bar => shareBar(words, label, value, below);
  const blocks = dimensions.flatMap((dimension): Block[] => {
    const groups = compareBy(state, dimension);
    return [
      {
        kind: 'heading',
        level: 3,
        text: t('minutes.byDimension', { dimension: t(`labels.dimension.${dimension}`) }),
      },
      {
        kind: 'table',
        headers: [h('group'), h('units'), h('counted'), h('average'), h('under'), h('share')],
        rows: groups.map((g) => [
          group(dimension, g.key),
          g.units,
          g.counted,
          words.percent(g.average),
          g.underThreshold,
          words.percent(g.shareUnderThreshold),
        ]),
        numeric: [1, 2, 3, 4, 5],
      },
      chart(
        t('minutes.chart.average'),
        groups.map((g) => bar(group(dimension, g.key), g.average, g.average !== null && g.average < threshold)),
      ),
    ];
  });
  const r = (key: string) => t(`minutes.rankingTable.${key}`);
  const standings = ranking(state);
  blocks.push(
    { kind: 'heading', level: 3, text: t('minutes.ranking', { threshold: words.percent(threshold) }) },
    {
      kind: 'table',
      headers: [r('rank'), r('unit'), r('production'), r('reported'), r('overall'), r('under')],
      rows: standings.map((s, i) => [
        i + 1,
        s.unit.name,
        words.percent(s.production),
        words.percent(s.reportedProduction),
        words.percent(s.overall),
        s.isUnderThreshold ? t('minutes.yes') : t('minutes.no'),
      ]),
      numeric: [0, 2, 3, 4],
    },
    chart(
      t('minutes.chart.ranking'),
      standings.map((s) => bar(s.unit.name, s.production, s.isUnderThreshold)),
    ),
  );
  return blocks;
}
