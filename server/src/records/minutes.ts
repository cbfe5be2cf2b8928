import {
  compareBy,
  defaultThresholds,
  figureRevisions,
  fulfilment,
  itemsOfDay,
  overallFulfilment,
  presentedAt,
  productionFulfilment,
  proposedWarnings,
  ranking,
  unitFlags,
  type AgendaItemState,
  type ComparisonDimension,
  type DirectiveState,
  type SessionDay,
  type SessionState,
} from '@plenum/shared';
import { accessOf, dayInScope, unitsInScope, type RecordsScope } from './access.js';
import {
  coverageOf,
  criticismText,
  dayNumber,
  directiveChain,
  directiveItemId,
  directivesInScope,
  itemPosition,
  itemTitle,
  participantName,
  rulingText,
  unitName,
} from './facts.js';
import { flagReason, flagTitle } from './flagText.js';
import { recordWords, type RecordWords } from './i18n.js';
import { anchor, escapeText, table } from './markdown.js';

const dimensions: readonly ComparisonDimension[] = ['ownership', 'sector', 'region'];

/**
 * The minutes of a session (or of one day) as Markdown a secretary would sign: header, each
 * day's attendance and agenda with what was said and ruled, the units' figures with their flags
 * and revisions, directives, warnings, the comparison and the ranking, and the log's head in
 * the footer. What the reader's role may not see is left out or marked.
 */
export function minutesMarkdown(state: SessionState, scope: RecordsScope): string {
  const definition = state.definition;
  if (definition === null) throw new Error(`session ${state.sessionId} has no definition`);
  const words = recordWords(scope.lang);
  const { t } = words;
  const access = accessOf(scope);
  const days = definition.days.filter((d) => dayInScope(scope, d.id));
  const sections: { title: string; body: string }[] = [];

  for (const day of days) {
    sections.push({
      title: t('minutes.day', { title: day.title, date: day.date }),
      body: daySection(state, scope, words, day),
    });
  }
  sections.push({ title: t('minutes.results'), body: resultsSection(state, scope, words) });
  if (access.decisions) {
    sections.push({ title: t('minutes.directives'), body: directivesSection(state, scope, words) });
    if (scope.dayId === null) {
      sections.push({ title: t('minutes.warnings'), body: warningsSection(state, words) });
      sections.push({ title: t('minutes.comparison'), body: comparisonSection(state, words) });
    }
  }

  const day = scope.dayId === null ? null : days[0];
  const title = day
    ? t('minutes.dayTitle', { number: dayNumber(state, day.id), title: definition.title })
    : t('minutes.title', { title: definition.title });
  const chairs = Object.values(state.participants)
    .filter((p) => p.role === 'chair')
    .map((p) => p.name);
  const details = table(
    [t('minutes.details'), ''],
    [
      [t('minutes.organisation'), definition.organisation],
      [t('minutes.period'), definition.period],
      [t('minutes.chair'), chairs.join(', ')],
      [t('minutes.conferenceLink'), definition.conferenceLink ?? t('minutes.notSet')],
      [t('minutes.notice'), state.noticeDate ?? t('minutes.notSet')],
      [t('minutes.status'), t(`labels.sessionStatus.${state.status}`)],
    ],
  );
  const schedule = table(
    [
      t('minutes.dayTable.number'),
      t('minutes.dayTable.date'),
      t('minutes.dayTable.theme'),
      t('minutes.dayTable.time'),
      t('minutes.dayTable.status'),
    ],
    days.map((d) => [
      dayNumber(state, d.id),
      d.date,
      d.title,
      dayTime(d),
      t(`labels.dayStatus.${state.days[d.id]?.status ?? 'scheduled'}`),
    ]),
    [0],
  );
  const contents = sections.map((s) => `- [${escapeText(s.title)}](#${anchor(s.title)})`).join('\n');
  return (
    [
      `# ${escapeText(title)}`,
      details,
      `## ${t('minutes.days')}`,
      schedule,
      `## ${t('minutes.contents')}`,
      contents,
      ...sections.flatMap((s) => [`## ${escapeText(s.title)}`, s.body]),
      '---',
      `_${t('minutes.footer', { seq: state.lastSeq })}_`,
    ].join('\n\n') + '\n'
  );
}

/** A day's time as `09:00–17:00`, or what is set of it. */
function dayTime(day: SessionDay): string {
  return [day.startTime ?? '', day.plannedEnd ?? ''].filter((x) => x !== '').join('–');
}

function daySection(state: SessionState, scope: RecordsScope, words: RecordWords, day: SessionDay): string {
  const { t } = words;
  const dayState = state.days[day.id] ?? { status: 'scheduled', openedAt: null, adjournedAt: null, reopenings: [] };
  const facts = [t('minutes.dayLine', { date: day.date, status: t(`labels.dayStatus.${dayState.status}`) })];
  if (dayState.openedAt) facts.push(t('minutes.opened', { time: words.instant(dayState.openedAt) }));
  for (const r of dayState.reopenings) {
    if (r.endedAt) facts.push(t('minutes.adjourned', { time: words.instant(r.endedAt) }));
    facts.push(t('minutes.reopened', { time: words.instant(r.at), reason: escapeText(r.reason) }));
  }
  if (dayState.adjournedAt) facts.push(t('minutes.adjourned', { time: words.instant(dayState.adjournedAt) }));
  const parts = [facts.join(' · ')];

  const attendance = attendanceOf(state, scope, words, day.id);
  if (attendance !== null) parts.push(`### ${t('minutes.attendance')}`, attendance);

  const items = itemsOfDay(state, day.id);
  parts.push(`### ${t('minutes.agenda')}`);
  if (items.length === 0) {
    parts.push(t('minutes.none'));
    return parts.join('\n\n');
  }
  parts.push(
    table(
      [
        t('minutes.agendaTable.position'),
        t('minutes.agendaTable.item'),
        t('minutes.agendaTable.minutes'),
        t('minutes.agendaTable.status'),
      ],
      items.map((item, i) => [
        i + 1,
        itemTitle(words, state, item),
        t('minutes.plannedMinutes', { count: item.plannedMinutes }),
        coverageText(state, words, item),
      ]),
      [0],
    ),
  );
  items.forEach((item, i) => parts.push(itemSection(state, scope, words, item, i + 1)));
  return parts.join('\n\n');
}

function coverageText(state: SessionState, words: RecordWords, item: AgendaItemState): string {
  const coverage = coverageOf(item);
  const target = item.deferredToItemId === null ? undefined : state.agenda[item.deferredToItemId];
  const day = target && state.definition?.days.find((d) => d.id === target.dayId);
  return coverage === 'deferred' && day
    ? words.t('minutes.deferredTo', { day: day.title })
    : words.t(`coverage.${coverage}`);
}

/** Attendance of a day as the reader's role may see it: names (chair), a count, or nothing. */
function attendanceOf(state: SessionState, scope: RecordsScope, words: RecordWords, dayId: string): string | null {
  const access = accessOf(scope).attendance;
  if (access === 'none') return null;
  const { t } = words;
  const records = state.attendance[dayId] ?? {};
  const invited = Object.values(state.participants).filter((p) => p.role !== 'observer' && p.role !== 'administrator');
  const isPresent = (id: string) => {
    const record = records[id];
    return record !== undefined && (record.present ?? record.connectedAt !== null);
  };
  const present = invited.filter((p) => isPresent(p.id));
  const count = t('minutes.attendanceCount', { present: present.length, invited: invited.length });
  if (access === 'counts') return count;
  const absent = invited.filter((p) => !isPresent(p.id));
  const line = (label: string, list: typeof invited) =>
    `- ${label}: ${list.length === 0 ? t('minutes.none') : list.map((p) => `${escapeText(p.name)} (${t(`labels.role.${p.role}`)})`).join(', ')}`;
  return [count, [line(t('minutes.present'), present), line(t('minutes.absent'), absent)].join('\n')].join('\n\n');
}

function itemSection(
  state: SessionState,
  scope: RecordsScope,
  words: RecordWords,
  item: AgendaItemState,
  position: number,
): string {
  const { t } = words;
  const facts = [coverageText(state, words, item)];
  if (item.startedAt) facts.push(t('minutes.started', { time: words.instant(item.startedAt) }));
  for (const r of item.reopenings) {
    if (r.endedAt) facts.push(t('minutes.closed', { time: words.instant(r.endedAt) }));
    facts.push(t('minutes.itemReopened', { time: words.instant(r.at), reason: escapeText(r.reason) }));
  }
  if (item.closedAt) facts.push(t('minutes.closed', { time: words.instant(item.closedAt) }));
  const parts = [
    `#### ${escapeText(t('minutes.itemHeading', { position, title: itemTitle(words, state, item) }))}`,
    facts.join(' · '),
  ];
  const presenters = Object.values(state.participants).filter(
    (p) => p.role === 'presenter' && item.unitId !== null && p.unitId === item.unitId,
  );
  if (presenters.length > 0) {
    parts.push(t('minutes.presenters', { names: presenters.map((p) => escapeText(p.name)).join(', ') }));
  }
  const criticisms = state.criticismOrder.map((id) => state.criticisms[id]!).filter((c) => c.itemId === item.id);
  if (item.startedAt !== null || criticisms.length > 0) {
    parts.push(`##### ${t('minutes.criticisms')}`);
    parts.push(
      criticisms.length === 0
        ? t('minutes.noCriticism')
        : criticisms
            .map((c, i) => {
              const indicator = c.indicatorId
                ? state.reports[c.unitId ?? '']?.indicators.find((x) => x.id === c.indicatorId)
                : undefined;
              const head = [
                t('minutes.criticismLine', {
                  category: t(`labels.category.${c.category}`),
                  severity: t(`labels.severity.${c.severity}`),
                  author: escapeText(participantName(state, c.authorId)),
                  time: words.instant(c.postedAt),
                }),
                indicator ? t('minutes.onIndicator', { indicator: escapeText(indicator.name) }) : null,
                c.endorsedBy.length > 0 ? t('minutes.endorsements', { count: c.endorsedBy.length }) : null,
              ]
                .filter((x) => x !== null)
                .join(' · ');
              const { text, hiddenReason } = criticismText(words, scope, c);
              const lines = [`${i + 1}. **${head}**`];
              if (c.hidden !== null) {
                lines.push(
                  hiddenReason === null
                    ? `   _${t('minutes.hidden')}_`
                    : `   _${t('minutes.hiddenWithReason', { reason: escapeText(hiddenReason) })}_`,
                );
              }
              if (c.hidden === null || hiddenReason !== null) lines.push(`   ${escapeText(text)}`);
              if (c.response) lines.push(`   ${t('minutes.response', { text: escapeText(c.response.text) })}`);
              lines.push(
                `   ${
                  c.ruling === null
                    ? t('minutes.awaitingRuling')
                    : c.ruling.note
                      ? t('minutes.rulingNote', {
                          ruling: rulingText(words, c.ruling),
                          note: escapeText(c.ruling.note),
                        })
                      : t('minutes.ruling', { ruling: rulingText(words, c.ruling) })
                }`,
              );
              return lines.join('\\\n');
            })
            .join('\n'),
    );
  }
  if (accessOf(scope).decisions) {
    const directives = state.directiveOrder
      .map((id) => state.directives[id]!)
      .filter((d) => directiveItemId(state, d) === item.id);
    if (directives.length > 0) {
      parts.push(
        `##### ${t('minutes.directives')}`,
        directives.map((d) => `- ${directiveLine(state, words, d)}`).join('\n'),
      );
    }
  }
  return parts.join('\n\n');
}

function directiveLine(state: SessionState, words: RecordWords, d: DirectiveState): string {
  const { t } = words;
  return [
    `**${escapeText(d.title)}**`,
    t(`labels.directiveKind.${d.kind}`),
    escapeText(unitName(state, d.assigneeUnitId)),
    d.dueDate,
    t(`labels.directiveStatus.${d.status}`),
  ].join(' · ');
}

function resultsSection(state: SessionState, scope: RecordsScope, words: RecordWords): string {
  const { t } = words;
  const parts: string[] = [];
  for (const unitId of unitsInScope(state, scope)) {
    const report = state.reports[unitId];
    parts.push(`### ${escapeText(unitName(state, unitId))}`);
    if (!report) {
      parts.push(t('minutes.noReport'));
      continue;
    }
    if (presentedAt(state, unitId) === null) {
      parts.push(t('minutes.notPresented'));
      continue;
    }
    parts.push(t('minutes.revision', { revision: report.revision, time: words.instant(report.submittedAt) }));
    parts.push(
      table(
        [
          t('minutes.figures.indicator'),
          t('minutes.figures.measure'),
          t('minutes.figures.direction'),
          t('minutes.figures.planned'),
          t('minutes.figures.reported'),
          t('minutes.figures.verified'),
          t('minutes.figures.fulfilment'),
        ],
        report.indicators.map((i) => [
          i.isProduction ? `${i.name} (${t('minutes.production')})` : i.name,
          i.measure,
          t(`labels.direction.${i.direction ?? 'higher-is-better'}`),
          words.figure(i.planned),
          words.figure(i.reported),
          i.verified === null ? '—' : words.figure(i.verified),
          words.percent(fulfilment(i)),
        ]),
        [3, 4, 5, 6],
      ),
    );
    parts.push(
      t('minutes.overall', {
        production: words.percent(productionFulfilment(report.indicators)),
        overall: words.percent(overallFulfilment(report.indicators)),
      }),
    );
    const flags = unitFlags(state, unitId);
    parts.push(`#### ${t('minutes.flags')}`);
    parts.push(
      flags.length === 0
        ? t('minutes.noFlags')
        : flags.map((f) => `- **${flagTitle(words, f)}**: ${escapeText(flagReason(words, f, report))}`).join('\n'),
    );
    const revisions = figureRevisions(report);
    if (revisions.length > 0) {
      const change = (from: number | null, to: number | null) =>
        from === to ? words.figure(to ?? 0) : `${from === null ? '—' : words.figure(from)} → ${words.figure(to ?? 0)}`;
      parts.push(
        `#### ${t('minutes.revisions')}`,
        revisions
          .map((r) => {
            const indicator = report.indicators.find((i) => i.id === r.indicatorId);
            return `- ${t('minutes.revisionLine', {
              indicator: escapeText(indicator?.name ?? r.indicatorId),
              time: words.instant(r.at),
              planned: change(r.before.planned, r.after.planned),
              reported: change(r.before.reported, r.after.reported),
            })}`;
          })
          .join('\n'),
      );
    }
  }
  return parts.length === 0 ? t('minutes.none') : parts.join('\n\n');
}

function directivesSection(state: SessionState, scope: RecordsScope, words: RecordWords): string {
  const { t } = words;
  const directives = directivesInScope(state, scope);
  if (directives.length === 0) return t('minutes.none');
  return table(
    [
      t('minutes.directivesTable.title'),
      t('minutes.directivesTable.kind'),
      t('minutes.directivesTable.owner'),
      t('minutes.directivesTable.due'),
      t('minutes.directivesTable.status'),
      t('minutes.directivesTable.chain'),
      t('minutes.directivesTable.source'),
    ],
    directives.map((d) => {
      const itemId = directiveItemId(state, d);
      const item = itemId === null ? undefined : state.agenda[itemId];
      const source = item
        ? t('minutes.fromItem', { position: itemPosition(state, item), day: dayNumber(state, item.dayId) })
        : d.carriedFromSessionId !== null
          ? t('minutes.carried')
          : '';
      return [
        d.title,
        t(`labels.directiveKind.${d.kind}`),
        unitName(state, d.assigneeUnitId),
        d.dueDate,
        t(`labels.directiveStatus.${d.status}`),
        directiveChain(state, d),
        source,
      ];
    }),
  );
}

function warningsSection(state: SessionState, words: RecordWords): string {
  const { t } = words;
  const warnings = state.warningOrder.map((id) => state.warnings[id]!);
  const issued = warnings.filter((w) => w.carriedFromSessionId === null);
  const carried = warnings.filter((w) => w.carriedFromSessionId !== null);
  const waivers = Object.entries(state.waivers);
  const proposed = proposedWarnings(state);
  const h = (key: string) => t(`minutes.warningsTable.${key}`);
  const part = (title: string, body: string | null) => [`### ${title}`, body ?? t('minutes.none')];
  return [
    ...part(
      t('minutes.warningsIssued'),
      issued.length === 0
        ? null
        : table(
            [h('unit'), h('fulfilment'), h('threshold'), h('note')],
            issued.map((w) => [
              unitName(state, w.unitId),
              words.percent(w.fulfilment),
              words.percent(w.threshold),
              w.note ?? '',
            ]),
            [1, 2],
          ),
    ),
    ...part(
      t('minutes.warningsWaived'),
      waivers.length === 0
        ? null
        : table(
            [h('unit'), h('fulfilment'), h('reason')],
            waivers.map(([unitId, w]) => [unitName(state, unitId), words.percent(w.fulfilment), w.reason]),
            [1],
          ),
    ),
    ...part(
      t('minutes.warningsProposed'),
      proposed.length === 0
        ? null
        : table(
            [h('unit'), h('fulfilment'), h('threshold')],
            proposed.map((p) => [unitName(state, p.unitId), words.percent(p.fulfilment), words.percent(p.threshold)]),
            [1, 2],
          ),
    ),
    ...part(
      t('minutes.secondReviews'),
      carried.length === 0
        ? null
        : table(
            [h('unit'), h('period'), h('fulfilment'), h('status'), h('note')],
            carried.map((w) => [
              unitName(state, w.unitId),
              w.period,
              words.percent(w.fulfilment),
              t(`labels.warningStatus.${w.status}`),
              w.decisionNote ?? '',
            ]),
            [2],
          ),
    ),
  ].join('\n\n');
}

function comparisonSection(state: SessionState, words: RecordWords): string {
  const { t } = words;
  const h = (key: string) => t(`minutes.comparisonTable.${key}`);
  const group = (dimension: ComparisonDimension, key: string) =>
    dimension === 'ownership' && key !== 'none' ? t(`labels.ownership.${key}`) : key;
  const parts = dimensions.flatMap((dimension) => [
    `### ${t('minutes.byDimension', { dimension: t(`labels.dimension.${dimension}`) })}`,
    table(
      [h('group'), h('units'), h('counted'), h('average'), h('under'), h('share')],
      compareBy(state, dimension).map((g) => [
        group(dimension, g.key),
        g.units,
        g.counted,
        words.percent(g.average),
        g.underThreshold,
        words.percent(g.shareUnderThreshold),
      ]),
      [1, 2, 3, 4, 5],
    ),
  ]);
  const threshold = state.definition?.thresholds.warningBelow ?? defaultThresholds.warningBelow;
  const r = (key: string) => t(`minutes.rankingTable.${key}`);
  parts.push(
    `### ${t('minutes.ranking', { threshold: words.percent(threshold) })}`,
    table(
      [r('rank'), r('unit'), r('production'), r('reported'), r('overall'), r('under')],
      ranking(state).map((s, i) => [
        i + 1,
        s.unit.name,
        words.percent(s.production),
        words.percent(s.reportedProduction),
        words.percent(s.overall),
        s.isUnderThreshold ? t('minutes.yes') : t('minutes.no'),
      ]),
      [0, 2, 3, 4],
    ),
  );
  return parts.join('\n\n');
}
