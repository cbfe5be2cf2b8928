import { inspectionLineOutcomes, type InspectionLineOutcome, type SessionState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { reasonText } from '../../screens/chair/inspectionPlan/reasonText';
import { useSessionState, useSessionStore } from '../../stores/session';

/** The adopted plans, oldest first, each line with what became of it. */
const adoptedPlans = (state: SessionState) =>
  state.inspectionPlans.map((plan) => ({ plan, outcomes: inspectionLineOutcomes(state, plan) }));

/** One line of a plan: its reasons, then its order, the findings filed and the figures verified. */
function PlanLineMinutes({ outcome }: { outcome: InspectionLineOutcome }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { line, order, carriedOutBy, findings, isPresented, verified } = outcome;
  const report = useSessionStore((s) => s.session.reports[line.unitId]);
  const unit = useSessionStore((s) => s.session.units[line.unitId]?.name ?? line.unitId);
  const reasons = line.reasons.map((reason) => {
    const { label, detail } = reasonText(t, reason, report, format);
    // As the PDF: a reason's figures enter the minutes once the unit has presented them.
    return isPresented && report && detail ? `${label}: ${detail}` : label;
  });
  return (
    <li data-testid={`minutes-plan-line-${line.unitId}`}>
      <strong>
        {t('minutes.inspectionPlan.line', {
          rank: line.rank,
          unit,
          score: format.figure(line.score),
          decision: t(`labels.inspectionDecision.${line.decision}`),
        })}
      </strong>
      <ul className="minutes-list">
        {reasons.map((reason, index) => (
          <li key={index}>{reason}</li>
        ))}
        {order && (
          <li>
            {t('minutes.inspectionPlan.order', {
              title: order.title,
              inspector: carriedOutBy,
              due: format.shortDate(order.dueDate),
              status: t(`labels.directiveStatus.${order.status}`),
            })}
          </li>
        )}
        {findings && <li>{t('minutes.inspectionPlan.findings', { text: findings })}</li>}
        {order && verified.length > 0 && (
          <li>
            {t('minutes.inspectionPlan.verified', {
              figures: verified
                .map((i) =>
                  t('minutes.inspectionPlan.verifiedFigure', {
                    indicator: i.name,
                    reported: `${format.figure(i.reported)} ${i.measure}`,
                    verified: `${format.figure(i.verified)} ${i.measure}`,
                  }),
                )
                .join('; '),
            })}
          </li>
        )}
      </ul>
    </li>
  );
}

/**
 * The inspection plans adopted in the session, as the PDF and Markdown minutes hold them: each
 * line ranked with its score, reasons and the chair's decision, and for an accepted line its
 * order, the findings filed and the figures verified. Nothing when no plan was adopted.
 */
export function InspectionPlanMinutes({ headingId }: { headingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const plans = useSessionState(adoptedPlans);
  const participants = useSessionStore((s) => s.session.participants);
  if (plans.length === 0) return null;
  return (
    <section className="minutes-day" aria-labelledby={headingId} data-testid="minutes-inspection-plans">
      <h2 id={headingId}>{t('minutes.inspectionPlans')}</h2>
      {plans.map(({ plan, outcomes }) => (
        <section key={plan.id} data-testid={`minutes-plan-${plan.id}`}>
          <h3>
            {t('minutes.inspectionPlan.adopted', {
              time: `${format.shortDate(localIsoDate(new Date(plan.at)))} ${format.time(plan.at)}`,
              chair: participants[plan.actorId]?.name ?? plan.actorId,
              capacity: plan.capacity,
            })}
          </h3>
          {outcomes.length === 0 ? (
            <p className="muted">{t('minutes.none')}</p>
          ) : (
            <ul className="minutes-list">
              {outcomes.map((outcome) => (
                <PlanLineMinutes key={outcome.line.unitId} outcome={outcome} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
