import { isDirectiveOpen } from '@plenum/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FlagIcon } from '../../components/FlagIcon';
import { todayIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { decisionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { Panel } from '../../components/Panel';

/** Every directive of the session with its state, overdue ones first. */
export function DirectivesTracker() {
  const { t } = useTranslation();
  const format = useFormat();
  const filterId = useId();
  const [isOpenOnly, setIsOpenOnly] = useState(true);
  const tracked = useSessionState(decisionSelectors.directiveTracker, todayIsoDate());
  const shown = isOpenOnly ? tracked.filter((d) => isDirectiveOpen(d.directive)) : tracked;
  const overdue = tracked.filter((d) => d.isOverdue).length;
  const units = useSessionStore((s) => s.session.units);
  const unitName = (unitId: string) => units[unitId]?.name ?? unitId;

  return (
    <Panel heading={t('dashboard.directives.heading')} testId="directives-tracker">
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
    </Panel>
  );
}
