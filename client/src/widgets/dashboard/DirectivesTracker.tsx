import { isDirectiveOpen } from '@plenum/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FlagIcon } from '../../components/FlagIcon';
import { todayIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { decisionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { Panel } from '../../components/Panel';

/**
 * Every directive of the session with its state, overdue ones first. It fits half a wide screen:
 * its words wrap, and where the directive is now shows under its assignee only once it has moved
 * on up the line. On a phone each directive stacks, every field beside its column's name.
 */
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
  const columns = [
    t('dashboard.directives.title'),
    t('dashboard.directives.kind'),
    t('dashboard.directives.assignee'),
    t('dashboard.directives.due'),
    t('dashboard.directives.status'),
  ];

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
          <table className="figures figures--stacked directives-table">
            <caption className="visually-hidden">{t('dashboard.directives.heading')}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th scope="col" key={column}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map(({ directive, isOverdue }) => (
                <tr key={directive.id} data-overdue={isOverdue} data-testid={`tracked-directive-${directive.id}`}>
                  <th scope="row">{directive.title}</th>
                  <td data-label={columns[1]}>{t(`labels.directiveKind.${directive.kind}`)}</td>
                  <td data-label={columns[2]}>
                    {/* One block: the holder stays under the assignee when the row stacks. */}
                    <span>
                      {unitName(directive.assigneeUnitId)}
                      {directive.holderUnitId !== directive.assigneeUnitId && (
                        <span className="directives-table__holder muted">
                          {t('dashboard.directives.holder')}: {unitName(directive.holderUnitId)}
                        </span>
                      )}
                    </span>
                  </td>
                  <td data-label={columns[3]}>
                    <span className="directives-table__due">
                      {format.shortDate(directive.dueDate)}
                      {isOverdue && (
                        <span className="overdue">
                          {' '}
                          <FlagIcon /> {t('directive.overdue')}
                        </span>
                      )}
                    </span>
                  </td>
                  <td data-label={columns[4]}>{t(`labels.directiveStatus.${directive.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
