import { fulfilment, type DirectiveState } from '@plenum/shared';
import { Fragment, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format';
import { itemTitle } from '../../lib/itemTitle';
import { rulingText } from '../../lib/rulingText';
import { useFormat } from '../../lib/useFormat';
import {
  decisionSelectors,
  minutesSelectors,
  sessionSelectors,
  useSessionStore,
  type MinutesItem,
  type MinutesScope,
} from '../../stores/session';
import { DirectionTag } from '../reports/DirectionTag';
import { flagReason, flagTitle } from '../reports/flagText';

function DirectiveLine({ directive }: { directive: DirectiveState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSessionStore((s) => s.session);
  const inspected = decisionSelectors.inspectedUnitId(directive);
  const details = {
    unit: decisionSelectors.assigneeName(session, directive),
    date: format.shortDate(directive.dueDate),
    status: t(`labels.directiveStatus.${directive.status}`),
  };
  return (
    <li data-testid={`minutes-directive-${directive.id}`}>
      <strong>{directive.title}</strong> ({t(`labels.directiveKind.${directive.kind}`)}) —{' '}
      {inspected === null
        ? t('minutes.directiveLine', details)
        : t('minutes.inspectionLine', {
            ...details,
            inspected: sessionSelectors.unitName(session, inspected) ?? inspected,
          })}
    </li>
  );
}

function ItemMinutes({ entry, position }: { entry: MinutesItem; position: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSessionStore((s) => s.session);
  const { item, unit, presenters, report, flags, criticisms, speeches, directives, deferredTo } = entry;
  const name = (id: string) => sessionSelectors.participantName(session, id) ?? t('common.aParticipant');
  // Figures enter the minutes once the unit has presented them.
  const hasPresented = item.startedAt !== null;

  return (
    <article className="minutes-item" data-testid={`minutes-item-${item.id}`}>
      <h3>
        {t('agenda.position', { position })}{' '}
        {unit ? itemTitle(item.topic, unit.name) : `${t('common.generalTopic')} — ${item.topic}`}
      </h3>
      <p className="minutes-item__facts">
        {t(`labels.agendaStatus.${item.status}`)}
        {item.startedAt && <> · {t('minutes.started', { time: format.time(item.startedAt) })}</>}
        {item.floorOpenedAt && <> · {t('minutes.floorOpened', { time: format.time(item.floorOpenedAt) })}</>}
        {item.reopenings.map((r) => (
          <Fragment key={r.at}>
            {r.endedAt && <> · {t('minutes.closed', { time: format.time(r.endedAt) })}</>} ·{' '}
            <span data-testid={`minutes-item-reopened-${item.id}`}>
              {t('minutes.itemReopened', { time: format.time(r.at), reason: r.reason })}
            </span>
          </Fragment>
        ))}
        {item.closedAt && <> · {t('minutes.closed', { time: format.time(item.closedAt) })}</>}
        {deferredTo && <> · {t('minutes.deferredTo', { day: deferredTo.title })}</>}
        {item.timer.extraMinutes > 0 && <> · {t('timer.extended', { count: item.timer.extraMinutes })}</>}
      </p>
      {presenters.length > 0 && (
        <p>
          <span className="minutes__label">{t('minutes.presenters')}</span> {presenters.map((p) => p.name).join(', ')}
        </p>
      )}
      {report && hasPresented && (
        <table className="figures minutes-figures">
          <caption>{t('minutes.figures', { revision: report.revision })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.indicator')}</th>
              <th scope="col">{t('report.planned')}</th>
              <th scope="col">{t('report.reported')}</th>
              <th scope="col">{t('report.verified')}</th>
              <th scope="col">{t('report.fulfilment')}</th>
            </tr>
          </thead>
          <tbody>
            {report.indicators.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  {i.name}
                  {i.isProduction && <span className="tag">{t('report.productionTag')}</span>}
                  <DirectionTag indicator={i} />
                </th>
                <td>
                  {format.figure(i.planned)} {i.measure}
                </td>
                <td>
                  {format.figure(i.reported)} {i.measure}
                </td>
                <td>{i.verified === null ? '—' : `${format.figure(i.verified)} ${i.measure}`}</td>
                <td>{format.percent(fulfilment(i))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && hasPresented && flags.length > 0 && (
        <ul className="minutes-list">
          {flags.map((flag, index) => (
            <li key={index}>
              <span aria-hidden="true">⚠ </span>
              <strong>{flagTitle(t, flag)}</strong>: {flagReason(t, flag, report, format)}
            </li>
          ))}
        </ul>
      )}
      {(hasPresented || criticisms.length > 0) && <h4>{t('minutes.criticisms', { count: criticisms.length })}</h4>}
      {!hasPresented && criticisms.length === 0 ? null : criticisms.length === 0 ? (
        <p className="muted">{t('minutes.noCriticism')}</p>
      ) : (
        <ol className="minutes-list">
          {criticisms.map((c) => (
            <li key={c.id} data-testid={`minutes-criticism-${c.id}`}>
              <p>
                <span className="minutes__label">
                  {t(`labels.category.${c.category}`)}, {t(`labels.severity.${c.severity}`)}
                </span>{' '}
                — {name(c.authorId)}, {format.time(c.postedAt)}
                {c.endorsedBy.length > 0 && (
                  <>
                    {' '}
                    ·{' '}
                    {t('criticism.endorsements', {
                      count: c.endorsedBy.length,
                      formatted: format.figure(c.endorsedBy.length),
                    })}
                  </>
                )}
              </p>
              {c.hidden ? (
                <p className="minutes__hidden">{t('minutes.hidden', { reason: c.hidden.reason })}</p>
              ) : (
                <p>{c.text}</p>
              )}
              {c.response && (
                <p>
                  <span className="minutes__label">{t('criticism.response')}</span> {c.response.text}
                </p>
              )}
              {c.ruling && (
                <p>
                  <span className="minutes__label">{t('criticism.ruling')}</span> {rulingText(t, c.ruling)}
                  {c.ruling.note && ` (${c.ruling.note})`}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {speeches.length > 0 && (
        <>
          <h4>{t('minutes.speeches')}</h4>
          <ul className="minutes-list">
            {speeches.map((s, index) => (
              <li key={index}>
                {name(s.participantId)}: {format.time(s.from)}–{format.time(s.to)} ({formatDuration(s.durationMs)})
              </li>
            ))}
          </ul>
        </>
      )}
      {directives.length > 0 && (
        <>
          <h4>{t('minutes.directives')}</h4>
          <ul className="minutes-list">
            {directives.map((d) => (
              <DirectiveLine key={d.id} directive={d} />
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

/**
 * The live minutes of one day or of the whole session, built from the log as it stands:
 * items with their times, presenters, figures and flags, criticism (hidden ones said to be
 * hidden, with the chair's reason), rulings, speeches, directives and warnings. Printable.
 */
export default function Minutes() {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldId = useId();
  const session = useSessionStore((s) => s.session);
  const [scopeKey, setScopeKey] = useState('session');
  const minutes = useMemo(() => {
    const scope: MinutesScope = scopeKey === 'session' ? { kind: 'session' } : { kind: 'day', dayId: scopeKey };
    return minutesSelectors.minutes(session, scope);
  }, [session, scopeKey]);
  const definition = session.definition;
  const unitName = (unitId: string) => sessionSelectors.unitName(session, unitId) ?? unitId;

  return (
    <div className="minutes" data-testid="minutes">
      <div className="panel minutes__controls no-print">
        <label htmlFor={fieldId}>{t('minutes.scope')}</label>{' '}
        <select id={fieldId} data-testid="minutes-scope" value={scopeKey} onChange={(e) => setScopeKey(e.target.value)}>
          <option value="session">{t('minutes.wholeSession')}</option>
          {(definition?.days ?? []).map((day) => (
            <option key={day.id} value={day.id}>
              {t('agenda.defer.dayOption', { title: day.title, date: format.date(day.date) })}
            </option>
          ))}
        </select>{' '}
        <button type="button" className="button" data-testid="print-minutes" onClick={() => window.print()}>
          {t('minutes.print')}
        </button>
      </div>
      <article className="panel minutes__document">
        <header className="minutes__header">
          <h2>{t('minutes.heading', { title: definition?.title ?? t('session.untitled') })}</h2>
          {definition && (
            <p>
              {t('session.subtitle', { organisation: definition.organisation, period: definition.period })} ·{' '}
              {t(`labels.sessionStatus.${session.status}`)}
              {session.noticeDate && <> · {t('minutes.notice', { date: format.shortDate(session.noticeDate) })}</>}
            </p>
          )}
          <p className="muted" data-testid="minutes-as-of">
            {t(session.status === 'closed' ? 'minutes.asOfClosed' : 'minutes.asOf', { seq: session.lastSeq })}
          </p>
        </header>
        {minutes.days.map(({ day, state, items, attendance }) => (
          <section key={day.id} className="minutes-day" aria-labelledby={`${fieldId}-${day.id}`}>
            <h2 id={`${fieldId}-${day.id}`}>
              {day.title} <span className="muted">{format.date(day.date)}</span>
            </h2>
            <p>
              {t(`labels.dayStatus.${state.status}`)}
              {state.openedAt && <> · {t('minutes.opened', { time: format.time(state.openedAt) })}</>}
              {state.reopenings.map((r) => (
                <Fragment key={r.at}>
                  {r.endedAt && <> · {t('minutes.adjourned', { time: format.time(r.endedAt) })}</>} ·{' '}
                  <span data-testid={`minutes-day-reopened-${day.id}`}>
                    {t('minutes.dayReopened', { time: format.time(r.at), reason: r.reason })}
                  </span>
                </Fragment>
              ))}
              {state.adjournedAt && <> · {t('minutes.adjourned', { time: format.time(state.adjournedAt) })}</>}
            </p>
            <p data-testid={`minutes-attendance-${day.id}`}>{t('minutes.attendance', attendance)}</p>
            {items.length === 0 ? (
              <p className="muted">{t('agenda.noItems')}</p>
            ) : (
              items.map((entry, index) => <ItemMinutes key={entry.item.id} entry={entry} position={index + 1} />)
            )}
          </section>
        ))}
        {minutes.decisions && (
          <section className="minutes-day" aria-labelledby={`${fieldId}-decisions`}>
            <h2 id={`${fieldId}-decisions`}>{t('minutes.decisions')}</h2>
            <h3>{t('minutes.warningsIssued')}</h3>
            {minutes.decisions.warningsIssued.length === 0 && minutes.decisions.waivers.length === 0 ? (
              <p className="muted">{t('minutes.none')}</p>
            ) : (
              <ul className="minutes-list">
                {minutes.decisions.warningsIssued.map((w) => (
                  <li key={w.id}>
                    {t('decisions.proposed.issuedLine', {
                      unit: unitName(w.unitId),
                      fulfilment: format.percent(w.fulfilment),
                    })}
                    {w.note && ` — ${w.note}`}
                  </li>
                ))}
                {minutes.decisions.waivers.map((w) => (
                  <li key={w.unitId}>
                    {t('decisions.proposed.waivedLine', { unit: unitName(w.unitId), reason: w.reason })}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('minutes.secondReviews')}</h3>
            {minutes.decisions.secondReviews.length === 0 ? (
              <p className="muted">{t('minutes.none')}</p>
            ) : (
              <ul className="minutes-list">
                {minutes.decisions.secondReviews.map((w) => (
                  <li key={w.id}>
                    {t('minutes.secondReviewLine', {
                      unit: unitName(w.unitId),
                      period: w.period,
                      status: t(`labels.warningStatus.${w.status}`),
                    })}
                    {w.decisionNote && ` — ${w.decisionNote}`}
                  </li>
                ))}
              </ul>
            )}
            {minutes.decisions.revisedAfterNotice.length > 0 && (
              <>
                <h3>{t('minutes.revisedAfterNotice')}</h3>
                <ul className="minutes-list" data-testid="minutes-revised-after-notice">
                  {minutes.decisions.revisedAfterNotice.map(({ unitId, report, flag }, index) => (
                    <li key={index}>
                      <strong>{unitName(unitId)}</strong>: {flagReason(t, flag, report, format)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {minutes.decisions.otherDirectives.length > 0 && (
              <>
                <h3>{t('minutes.otherDirectives')}</h3>
                {minutes.decisions.otherDirectives.map(({ unitId, unit, directives }) => (
                  <section key={unitId} data-testid={`minutes-unit-directives-${unitId}`}>
                    <h4>{unit?.name ?? unitId}</h4>
                    <ul className="minutes-list">
                      {directives.map((d) => (
                        <DirectiveLine key={d.id} directive={d} />
                      ))}
                    </ul>
                  </section>
                ))}
              </>
            )}
          </section>
        )}
      </article>
    </div>
  );
}
