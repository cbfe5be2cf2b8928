import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIsoDate } from '../../lib/format';
import { decisionSelectors, sessionSelectors, useSessionStore } from '../../stores/session';
import { DirectiveCard } from '../../widgets/directives/DirectiveCard';

interface InspectionOrdersProps {
  /** Opens the verification form on the inspected unit's report. */
  onVerify: (unitId: string) => void;
}

/**
 * The inspection orders the inspector carries out, overdue first: what to inspect, of which
 * unit, ordered by whom, by when; each acknowledged, then completed with the findings.
 */
export function InspectionOrders({ onVerify }: InspectionOrdersProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const you = useSessionStore((s) => s.you);
  const orders = useMemo(
    () => (you ? decisionSelectors.inspectionOrders(session, you, todayIsoDate()) : []),
    [session, you],
  );

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="inspection-orders">
      <h2 id={headingId} className="panel__heading">
        {t('verify.orders.heading', { count: orders.length })}
      </h2>
      {orders.length === 0 ? (
        <p className="muted">{t('verify.orders.none')}</p>
      ) : (
        <>
          <p className="muted">{t('verify.orders.intro')}</p>
          <div className="directive-list">
            {orders.map(({ directive, isOverdue }) => {
              const unitId = decisionSelectors.inspectedUnitId(directive) ?? directive.assigneeUnitId;
              return (
                <div key={directive.id}>
                  <DirectiveCard directive={directive} isOverdue={isOverdue} />
                  {session.reports[unitId] && (
                    <button
                      type="button"
                      className="button button--small"
                      data-testid={`verify-order-${directive.id}`}
                      onClick={() => onVerify(unitId)}
                    >
                      {t('verify.orders.verifyUnit', { unit: sessionSelectors.unitName(session, unitId) ?? unitId })}
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
