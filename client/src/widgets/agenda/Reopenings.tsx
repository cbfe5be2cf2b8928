import type { Reopening } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';

/** Each reopening of an item or a day, with its time and the chair's reason. */
export function Reopenings({ reopenings, testId }: { reopenings: Reopening[]; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (reopenings.length === 0) return null;
  return (
    <ul className="agenda-reopenings muted" data-testid={testId}>
      {reopenings.map((r) => (
        <li key={r.at}>{t('agenda.reopened', { time: format.time(r.at), reason: r.reason })}</li>
      ))}
    </ul>
  );
}
