import { directiveStatements, type DirectiveState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { decisionSelectors, sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';

/** A directive as the minutes record it: what of whom by when, where it stands, and what was answered and said on it. */
export function DirectiveLine({ directive }: { directive: DirectiveState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const inspected = decisionSelectors.inspectedUnitId(directive);
  const assigneeName = useSessionStore((s) => decisionSelectors.assigneeName(s.session, directive));
  const inspectedName = useSessionStore((s) => sessionSelectors.unitName(s.session, inspected));
  const statements = useSessionState(directiveStatements, directive);
  const units = useSessionStore((s) => s.session.units);
  const unitName = (unitId: string | null) => (unitId === null ? '' : (units[unitId]?.name ?? unitId));
  const details = {
    unit: assigneeName,
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
            inspected: inspectedName ?? inspected,
          })}
      {statements.length > 0 && (
        <ul className="minutes-statements">
          {statements.map((s, index) =>
            s.reassignment ? (
              <li key={index}>
                {t('minutes.statement.reassigned', {
                  name: s.actorName,
                  time: format.time(s.at),
                  from: s.reassignment.from ?? t('minutes.statement.nobody'),
                  to: s.reassignment.to ?? t('minutes.statement.nobody'),
                })}
              </li>
            ) : (
              <li key={index}>
                <span className="minutes__label">
                  {t(`minutes.statement.${s.action}`, {
                    name: s.actorName,
                    from: unitName(s.unitId),
                    to: unitName(s.toUnitId),
                    time: format.time(s.at),
                  })}
                </span>{' '}
                {s.text ?? <span className="muted">{t('minutes.statement.noRemarks')}</span>}
                {s.isRelayed && <span className="muted"> {t('minutes.statement.relayed')}</span>}
              </li>
            ),
          )}
        </ul>
      )}
    </li>
  );
}
