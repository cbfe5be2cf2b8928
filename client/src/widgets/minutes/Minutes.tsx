import type { SessionState } from '@plenum/shared';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { warningNoteIn } from '../../lib/warningNoteText';
import { minutesSelectors, useSessionState, useSessionStore, type MinutesScope } from '../../stores/session';
import { flagReason } from '../reports/flagText';
import { DirectiveLine } from './DirectiveLine';
import { DownloadRecords } from './DownloadRecords';
import { tableFiles } from './downloadRecord';
import { InspectionPlanMinutes } from './InspectionPlanMinutes';
import { ReconsideredList } from '../decisions/ReconsideredList';
import { ItemMinutes } from './ItemMinutes';
import './Minutes.css';

/** The minutes of the whole session (`'session'`) or of one day (its id). */
function minutesOf(state: SessionState, scopeKey: string) {
  const scope: MinutesScope = scopeKey === 'session' ? { kind: 'session' } : { kind: 'day', dayId: scopeKey };
  return minutesSelectors.minutes(state, scope);
}

/**
 * The live minutes of one day or of the whole session, built from the log as it stands:
 * items with their times, presenters, figures and flags, criticism (hidden ones said to be
 * hidden, with the chair's reason for those who may read it), rulings, speeches, directives,
 * warnings and the inspection plans adopted. Printable.
 */
export default function Minutes() {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldId = useId();
  const [scopeKey, setScopeKey] = useState('session');
  const minutes = useSessionState(minutesOf, scopeKey);
  const definition = useSessionStore((s) => s.session.definition);
  const noticeDate = useSessionStore((s) => s.session.noticeDate);
  const status = useSessionStore((s) => s.session.status);
  const isClosed = status === 'closed';
  // The minutes say which event they stand at, so they follow every one.
  const lastSeq = useSessionStore((s) => s.session.lastSeq);
  const units = useSessionStore((s) => s.session.units);
  const isChair = useSessionStore((s) => s.you?.role === 'chair');
  const dayIndex = (definition?.days ?? []).findIndex((day) => day.id === scopeKey);
  const unitName = (unitId: string) => units[unitId]?.name ?? unitId;

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
        <DownloadRecords
          files={[
            'minutes.pdf',
            'minutes.md',
            'calendar.ics',
            ...(isChair ? (['archive.json'] as const) : []),
            ...tableFiles,
          ]}
          day={dayIndex < 0 ? null : dayIndex + 1}
        />
      </div>
      <article className="panel minutes__document">
        <header className="minutes__header">
          <h2>{t('minutes.heading', { title: definition?.title ?? t('session.untitled') })}</h2>
          {definition && (
            <p>
              {t('session.subtitle', { organisation: definition.organisation, period: definition.period })} ·{' '}
              {t(`labels.sessionStatus.${status}`)}
              {noticeDate && <> · {t('minutes.notice', { date: format.shortDate(noticeDate) })}</>}
            </p>
          )}
          <p className="muted" data-testid="minutes-as-of">
            {t(isClosed ? 'minutes.asOfClosed' : 'minutes.asOf', { seq: lastSeq })}
          </p>
        </header>
        {minutes.days.map(({ day, state, items, attendance }) => (
          <section key={day.id} className="minutes-day" aria-labelledby={`${fieldId}-${day.id}`}>
            <h2 id={`${fieldId}-${day.id}`}>
              {day.title} <span className="muted">{format.date(day.date)}</span>
            </h2>
            <p data-testid={`minutes-day-facts-${day.id}`}>
              {isClosed && state.status === 'scheduled' ? t('minutes.notHeld') : t(`labels.dayStatus.${state.status}`)}
              {state.openedAt && <> · {t('minutes.opened', { time: format.timeOn(state.openedAt, day.date) })}</>}
              {state.reopenings.map((r) => (
                <Fragment key={r.at}>
                  {r.endedAt && <> · {t('minutes.adjourned', { time: format.timeOn(r.endedAt, day.date) })}</>} ·{' '}
                  <span data-testid={`minutes-day-reopened-${day.id}`}>
                    {t('minutes.dayReopened', { time: format.timeOn(r.at, day.date), reason: r.reason })}
                  </span>
                </Fragment>
              ))}
              {state.adjournedAt && (
                <> · {t('minutes.adjourned', { time: format.timeOn(state.adjournedAt, day.date) })}</>
              )}
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
                    {w.note && ` — ${warningNoteIn(t, format.percent, w)}`}
                  </li>
                ))}
                {minutes.decisions.waivers.map((w) => (
                  <li key={w.unitId}>
                    {t('decisions.proposed.waivedLine', { unit: unitName(w.unitId), reason: w.reason })}
                  </li>
                ))}
              </ul>
            )}
            {minutes.decisions.reconsidered.length > 0 && (
              <>
                <h3>{t('decisions.proposed.reconsideredHeading')}</h3>
                <ReconsideredList decisions={minutes.decisions.reconsidered} testId="minutes-reconsidered" />
              </>
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
            {minutes.decisions.carriedDirectives.length > 0 && (
              <>
                <h3>{t('minutes.carriedDirectives')}</h3>
                <ul className="minutes-list" data-testid="minutes-carried-directives">
                  {minutes.decisions.carriedDirectives.map((d) => (
                    <DirectiveLine key={d.id} directive={d} />
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
        {minutes.decisions && <InspectionPlanMinutes headingId={`${fieldId}-inspection-plans`} />}
      </article>
    </div>
  );
}
