import { type DirectiveState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { decisionSelectors, sessionSelectors, useSessionStore } from '../../stores/session';

/** A directive as the minutes record it: what of whom by when, and where it stands. */
export function DirectiveLine({ directive }: { directive: DirectiveState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const inspected = decisionSelectors.inspectedUnitId(directive);
  const assigneeName = useSessionStore((s) => decisionSelectors.assigneeName(s.session, directive));
  const inspectedName = useSessionStore((s) => sessionSelectors.unitName(s.session, inspected));
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
    </li>
  );
}
