import type { ReconsideredDecision } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { todayIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { useSessionStore } from '../../stores/session';

/** The decisions on proposed warnings the chair took back: what was decided, when, and why it was taken back. */
export function ReconsideredList({
  decisions,
  testId,
}: {
  decisions: readonly ReconsideredDecision[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useSessionStore((s) => s.session.units);
  const today = todayIsoDate();
  return (
    <ul className="plain-list" data-testid={testId}>
      {decisions.map((r) => (
        <li key={`${r.unitId}-${r.at}`}>
          {t(`decisions.proposed.reconsideredLine.${r.decision}`, {
            unit: units[r.unitId]?.name ?? r.unitId,
            decidedAt: format.timeOn(r.decidedAt, today),
            at: format.timeOn(r.at, today),
            reason: r.reason,
          })}
        </li>
      ))}
    </ul>
  );
}
