import { fulfilmentBands, isDirectiveOpen, type ComparisonDimension, type Ownership } from '@plenum/shared';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../../components/BarChart';
import { FlagIcon } from '../../components/FlagIcon';
import { Select } from '../../components/Select';
import { todayIsoDate } from '../../lib/format';
import { comparisonDimensions, ownerships } from '../../lib/labels';
import { useFormat } from '../../lib/useFormat';
import { dashboardSelectors, decisionSelectors, sessionSelectors, useSessionStore } from '../../stores/session';

/** The words for a group of a comparison: ownership is translated, the rest are the units' own names. */
function useGroupName(dimension: ComparisonDimension) {
  const { t } = useTranslation();
  return (key: string) => {
    if (dimension === 'ownership' && (ownerships as string[]).includes(key)) {
      return t(`labels.ownership.${key as Ownership}`);
    }
    if (key === 'none') return t('dashboard.none');
    return key;
  };
}

function Comparisons({ dimension }: { dimension: ComparisonDimension }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const groups = useMemo(() => dashboardSelectors.comparison(session, dimension), [session, dimension]);
  const threshold = dashboardSelectors.threshold(session);
  const groupName = useGroupName(dimension);
  const dimensionName = t(`labels.dimension.${dimension}`);

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="comparison">
      <h2 id={headingId} className="panel__heading">
        {t('dashboard.comparison.heading', { dimension: dimensionName })}
      </h2>
      {groups.length === 0 ? (
        <p className="muted">{t('dashboard.noReports')}</p>
      ) : (
        <>
          <BarChart
            title={t('dashboard.comparison.chartTitle', { dimension: dimensionName })}
            description={t('dashboard.comparison.chartDescription', {
              count: groups.length,
              threshold: format.percent(threshold),
            })}
            rows={groups.map((g) => ({
              id: g.key,
              label: groupName(g.key),
              value: g.average,
              isBelow: g.average !== null && g.average < threshold,
            }))}
            threshold={{
              value: threshold,
              label: t('dashboard.thresholdLine', { threshold: format.percent(threshold) }),
            }}
            formatValue={format.percent}
            noValue={t('dashboard.noFigure')}
          />
          <div className="table-scroll" tabIndex={0}>
            <table className="figures">
              <caption className="visually-hidden">
                {t('dashboard.comparison.chartTitle', { dimension: dimensionName })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{dimensionName}</th>
                  <th scope="col">{t('dashboard.comparison.units')}</th>
                  <th scope="col">{t('dashboard.comparison.average')}</th>
                  <th scope="col">{t('dashboard.comparison.under')}</th>
                  {fulfilmentBands.map((band) => (
                    <th key={band} scope="col">
                      {t(`dashboard.band.${band}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{groupName(g.key)}</th>
                    <td>
                      {format.figure(g.counted)}
                      {g.counted !== g.units && <span className="muted"> / {format.figure(g.units)}</span>}
                    </td>
                    <td>
                      {g.average !== null && g.average < threshold && <FlagIcon />}
                      {format.percent(g.average)}
                    </td>
                    <td>
                      {format.figure(g.underThreshold)}{' '}
                      <span className="muted">({format.percent(g.shareUnderThreshold)})</span>
                    </td>
                    {fulfilmentBands.map((band) => (
                      <td key={band}>{format.figure(g.distribution[band])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Ranking() {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const ranked = useMemo(() => dashboardSelectors.ranking(session), [session]);
  const threshold = dashboardSelectors.threshold(session);

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="ranking">
      <h2 id={headingId} className="panel__heading">
        {t('dashboard.ranking.heading')}
      </h2>
      {ranked.length === 0 ? (
        <p className="muted">{t('dashboard.noReports')}</p>
      ) : (
        <>
          <BarChart
            title={t('dashboard.ranking.heading')}
            description={t('dashboard.ranking.description', {
              count: ranked.length,
              under: ranked.filter((s) => s.isUnderThreshold).length,
              threshold: format.percent(threshold),
            })}
            rows={ranked.map((s) => ({
              id: s.unit.id,
              label: s.unit.name,
              value: s.production,
              isBelow: s.isUnderThreshold,
            }))}
            threshold={{
              value: threshold,
              label: t('dashboard.thresholdLine', { threshold: format.percent(threshold) }),
            }}
            formatValue={format.percent}
            noValue={t('dashboard.noFigure')}
          />
          <div className="table-scroll" tabIndex={0}>
            <table className="figures">
              <caption className="visually-hidden">{t('dashboard.ranking.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.ranking.rank')}</th>
                  <th scope="col">{t('dashboard.ranking.unit')}</th>
                  <th scope="col">{t('labels.dimension.ownership')}</th>
                  <th scope="col">{t('dashboard.ranking.production')}</th>
                  <th scope="col">{t('dashboard.ranking.claimed')}</th>
                  <th scope="col">{t('dashboard.ranking.overall')}</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((s, index) => (
                  <tr key={s.unit.id} data-below={s.isUnderThreshold}>
                    <td>{format.figure(index + 1)}</td>
                    <th scope="row">{s.unit.name}</th>
                    <td>{t(`labels.ownership.${s.unit.ownership}`)}</td>
                    <td>
                      {s.isUnderThreshold && <FlagIcon />}
                      {format.percent(s.production)}
                      {s.isUnderThreshold && <span className="fulfilment__note"> {t('report.belowThreshold')}</span>}
                    </td>
                    <td>{format.percent(s.reportedProduction)}</td>
                    <td>{format.percent(s.overall)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function WarningsBoard() {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const proposed = useMemo(() => decisionSelectors.proposedWarnings(session), [session]);
  const warnings = useMemo(() => decisionSelectors.allWarnings(session), [session]);
  const waivers = useMemo(() => decisionSelectors.waivers(session), [session]);
  const unitName = (unitId: string) => sessionSelectors.unitName(session, unitId) ?? unitId;
  const columns = [
    {
      key: 'proposed',
      title: t('dashboard.warnings.proposed'),
      items: proposed.map((p) => ({ id: p.unitId, text: `${unitName(p.unitId)} · ${format.percent(p.fulfilment)}` })),
    },
    ...(['open', 'lifted', 'escalated'] as const).map((status) => ({
      key: status,
      title: t(`labels.warningStatus.${status}`),
      items: warnings
        .filter((w) => w.status === status)
        .map((w) => ({
          id: w.id,
          text: `${unitName(w.unitId)} · ${w.period} · ${format.percent(w.fulfilment)}`,
        })),
    })),
    {
      key: 'waived',
      title: t('dashboard.warnings.waived'),
      items: waivers.map((w) => ({ id: w.unitId, text: `${unitName(w.unitId)} · ${w.reason}` })),
    },
  ];

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="warnings-board">
      <h2 id={headingId} className="panel__heading">
        {t('dashboard.warnings.heading')}
      </h2>
      <div className="board">
        {columns.map((column) => (
          <section key={column.key} className="board__column" aria-label={column.title} data-status={column.key}>
            <h3 className="board__heading">
              {column.title} <span className="muted">({format.figure(column.items.length)})</span>
            </h3>
            {column.items.length === 0 ? (
              <p className="muted">{t('dashboard.warnings.empty')}</p>
            ) : (
              <ul className="plain-list">
                {column.items.map((item) => (
                  <li key={item.id}>{item.text}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}

function DirectivesTracker() {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const filterId = useId();
  const session = useSessionStore((s) => s.session);
  const [isOpenOnly, setIsOpenOnly] = useState(true);
  const tracked = useMemo(() => decisionSelectors.directiveTracker(session, todayIsoDate()), [session]);
  const shown = isOpenOnly ? tracked.filter((d) => isDirectiveOpen(d.directive)) : tracked;
  const overdue = tracked.filter((d) => d.isOverdue).length;
  const unitName = (unitId: string) => sessionSelectors.unitName(session, unitId) ?? unitId;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="directives-tracker">
      <h2 id={headingId} className="panel__heading">
        {t('dashboard.directives.heading')}
      </h2>
      <p>
        {t('dashboard.directives.summary', {
          count: tracked.length,
          open: tracked.filter((d) => isDirectiveOpen(d.directive)).length,
          overdue,
        })}
      </p>
      <div className="choice">
        <input id={filterId} type="checkbox" checked={isOpenOnly} onChange={(e) => setIsOpenOnly(e.target.checked)} />
        <label htmlFor={filterId}>{t('dashboard.directives.openOnly')}</label>
      </div>
      {shown.length === 0 ? (
        <p className="muted">{t('dashboard.directives.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="figures directives-table">
            <caption className="visually-hidden">{t('dashboard.directives.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.directives.title')}</th>
                <th scope="col">{t('dashboard.directives.kind')}</th>
                <th scope="col">{t('dashboard.directives.assignee')}</th>
                <th scope="col">{t('dashboard.directives.holder')}</th>
                <th scope="col">{t('dashboard.directives.due')}</th>
                <th scope="col">{t('dashboard.directives.status')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ directive, isOverdue }) => (
                <tr key={directive.id} data-overdue={isOverdue} data-testid={`tracked-directive-${directive.id}`}>
                  <th scope="row">{directive.title}</th>
                  <td>{t(`labels.directiveKind.${directive.kind}`)}</td>
                  <td>{unitName(directive.assigneeUnitId)}</td>
                  <td>{unitName(directive.holderUnitId)}</td>
                  <td>
                    {format.shortDate(directive.dueDate)}
                    {isOverdue && (
                      <span className="overdue">
                        {' '}
                        <FlagIcon /> {t('directive.overdue')}
                      </span>
                    )}
                  </td>
                  <td>{t(`labels.directiveStatus.${directive.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Trends({ dimension }: { dimension: ComparisonDimension }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const points = useMemo(() => dashboardSelectors.trend(session, dimension), [session, dimension]);
  const changes = useMemo(() => dashboardSelectors.periodChanges(session), [session]);
  const groupName = useGroupName(dimension);
  const keys = [...new Set(points.flatMap((p) => p.groups.map((g) => g.key)))];
  const previousPeriod = session.warningOrder
    .map((id) => session.warnings[id]?.period)
    .find((p) => p !== undefined && p !== session.definition?.period);

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="trends">
      <h2 id={headingId} className="panel__heading">
        {t('dashboard.trends.heading')}
      </h2>
      <p className="muted">{t('dashboard.trends.intro')}</p>
      {points.length > 0 && keys.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="figures">
            <caption>{t('dashboard.trends.byGroup', { dimension: t(`labels.dimension.${dimension}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`labels.dimension.${dimension}`)}</th>
                {points.map((p) => (
                  <th key={p.sessionId} scope="col">
                    {p.period}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key}>
                  <th scope="row">{groupName(key)}</th>
                  {points.map((p) => (
                    <td key={p.sessionId}>{format.percent(p.groups.find((g) => g.key === key)?.average ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changes.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="figures">
            <caption>
              {t('dashboard.trends.againstPrevious', { period: previousPeriod ?? t('dashboard.trends.previous') })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.ranking.unit')}</th>
                <th scope="col">{t('dashboard.trends.indicator')}</th>
                <th scope="col">{t('dashboard.trends.previous')}</th>
                <th scope="col">{session.definition?.period ?? t('dashboard.trends.now')}</th>
                <th scope="col">{t('dashboard.trends.change')}</th>
                <th scope="col">{t('dashboard.trends.warned')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.unit.id}>
                  <th scope="row">{c.unit.name}</th>
                  <td>{c.indicatorName}</td>
                  <td>
                    {format.figure(c.previous)} {c.measure}
                  </td>
                  <td>
                    {format.figure(c.achieved)} {c.measure}
                  </td>
                  <td>
                    <span aria-hidden="true">{c.change >= 0 ? '▲ ' : '▼ '}</span>
                    {format.percent(c.change)}
                  </td>
                  <td>
                    {c.warnedAt !== null
                      ? t('dashboard.trends.warnedAt', {
                          period: c.warnedPeriod,
                          fulfilment: format.percent(c.warnedAt),
                        })
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * Comparisons by ownership, sector, region and class, the ranking against the threshold, the
 * warnings board, the directives tracker and the trends. Loaded on first use.
 */
export default function Dashboard() {
  const { t } = useTranslation();
  const fieldId = useId();
  const [dimension, setDimension] = useState<ComparisonDimension>('ownership');

  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="panel dashboard__controls">
        <label htmlFor={fieldId}>{t('dashboard.compareBy')}</label>{' '}
        <Select
          id={fieldId}
          data-testid="dashboard-dimension"
          value={dimension}
          options={comparisonDimensions.map((d) => ({ value: d, label: t(`labels.dimension.${d}`) }))}
          onChange={setDimension}
        />
      </div>
      <div className="layout layout--two">
        <Comparisons dimension={dimension} />
        <Ranking />
      </div>
      <div className="layout layout--two">
        <WarningsBoard />
        <DirectivesTracker />
      </div>
      <Trends dimension={dimension} />
    </div>
  );
}
