import type { Participant, SessionState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { todayIsoDate } from '../../lib/format';
import { decisionSelectors, useSessionState, useSessionStore, type TrackedDirective } from '../../stores/session';
import { DirectiveCard } from '../../widgets/directives/DirectiveCard';
import { Panel } from '../../components/Panel';

interface InspectionOrdersProps {
  /** Opens the verification form on the inspected unit's report. */
  onVerify: (unitId: string) => void;
}

function ordersOf(state: SessionState, you: Participant | null, today: string): TrackedDirective[] {
  return you ? decisionSelectors.inspectionOrders(state, you, today) : [];
}

/**
 * The inspection orders the inspector carries out, overdue first: what to inspect, of which
 * unit, ordered by whom, by when; each acknowledged, then completed with the findings.
 */
export function InspectionOrders({ onVerify }: InspectionOrdersProps) {
  const { t } = useTranslation();
  const you = useSessionStore((s) => s.you);
  const orders = useSessionState(ordersOf, you, todayIsoDate());
  const reports = useSessionStore((s) => s.session.reports);
  const units = useSessionStore((s) => s.session.units);

  return (
    <Panel heading={t('verify.orders.heading', { count: orders.length })} testId="inspection-orders">
      {orders.length === 0 ? (
        <p className="muted">{t('verify.orders.none')}</p>
      ) : (
        <>
          <p className="muted">{t('verify.orders.intro')}</p>
          <div className="directive-list">
            {orders.map(({ directive, isOverdue }) => {
              const unitId = decisionSelectors.inspectedUnitId(directive) ?? directive.assigneeUnitId;
              return (
                <DirectiveCard key={directive.id} directive={directive} isOverdue={isOverdue}>
                  {reports[unitId] && (
                    <button
                      type="button"
                      className="button button--small"
                      data-testid={`verify-order-${directive.id}`}
                      onClick={() => onVerify(unitId)}
                    >
                      {t('verify.orders.verifyUnit', { unit: units[unitId]?.name ?? unitId })}
                    </button>
                  )}
                </DirectiveCard>
              );
            })}
          </div>
        </>
      )}
    </Panel>
  );
}
