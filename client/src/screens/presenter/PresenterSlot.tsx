import { isItemLive, type SessionState } from '@plenum/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { Timer } from '../../widgets/floor/Timer';
import './PresenterSlot.css';

/** The unit's items on the agenda, each with its day and place in the day. */
function slotsOfUnit(state: SessionState, unitId: string | null) {
  return sessionSelectors
    .agendaByDay(state)
    .flatMap(({ day, items }) =>
      items.flatMap((item, index) => (item.unitId === unitId ? [{ day, item, position: index + 1 }] : [])),
    );
}

/**
 * The presenter's slot(s) on the agenda, the countdown while on the floor (unless the screen
 * shows the floor's own, `withTimer` false), and the report's state.
 */
export function PresenterSlot({ withTimer = true }: { withTimer?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const you = useSessionStore((s) => s.you);
  const setView = useUiStore((s) => s.setView);
  const unitId = you?.unitId ?? null;
  const slots = useSessionState(slotsOfUnit, unitId);
  const report = useSessionStore((s) => sessionSelectors.reportOf(s.session, unitId));
  if (unitId === null) return null;
  const live = slots.find((s) => isItemLive(s.item.status));

  return (
    <section
      className="panel presenter-slot"
      aria-labelledby={headingId}
      data-testid="presenter-slot"
      data-live={live !== undefined}
    >
      <h2 id={headingId} className="panel__heading">
        {live ? t('presenter.slot.onFloor') : t('presenter.slot.heading')}
      </h2>
      {live && withTimer && <Timer item={live.item} />}
      {slots.length === 0 ? (
        report && <p className="muted">{t('presenter.slot.none')}</p>
      ) : (
        <ul className="plain-list">
          {slots.map(({ day, item, position }) => (
            <li key={item.id}>
              {t('presenter.slot.line', {
                day: day.title,
                date: format.date(day.date),
                position,
                minutes: item.plannedMinutes + item.timer.extraMinutes,
              })}{' '}
              <span className="status-tag" data-status={item.status}>
                {t(`labels.agendaStatus.${item.status}`)}
              </span>
              {item.warningId && <span className="muted"> · {t('agenda.secondReview')}</span>}
            </li>
          ))}
        </ul>
      )}
      {/* A report is asked of a unit with a slot; one already submitted can still be edited. */}
      {report || slots.length > 0 ? (
        <p>
          {report
            ? t('presenter.slot.reportIn', { revision: report.revision, time: format.time(report.submittedAt) })
            : t('presenter.slot.reportMissing')}{' '}
          <button
            type="button"
            className="button button--small"
            data-testid="go-to-report"
            onClick={() => setView('report')}
          >
            {report ? t('presenter.slot.editReport') : t('presenter.slot.writeReport')}
          </button>
        </p>
      ) : (
        <p className="muted" data-testid="no-report-due">
          {t('presenter.slot.noReportDue')}
        </p>
      )}
    </section>
  );
}
