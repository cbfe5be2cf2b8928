import { inspectionLineOutcomes, type InspectionPlanState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../components/Panel';
import { useFormat } from '../../../lib/useFormat';
import { useSessionStore } from '../../../stores/session';

/** One adopted plan: each line's rank, unit, score and decision, and where its order stands. */
function AdoptedPlan({ plan }: { plan: InspectionPlanState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSessionStore((s) => s.session);
  const unitName = (unitId: string) => session.units[unitId]?.name ?? unitId;
  return (
    <section className="adopted-plan" data-testid={`adopted-plan-${plan.id}`}>
      <h3 className="subheading">
        {t('inspectionPlan.adoptedAt', { time: format.time(plan.at), capacity: plan.capacity })}
      </h3>
      <div className="table-scroll" tabIndex={0}>
        <table className="figures">
          <thead>
            <tr>
              <th scope="col">{t('inspectionPlan.table.rank')}</th>
              <th scope="col">{t('inspectionPlan.table.unit')}</th>
              <th scope="col">{t('inspectionPlan.table.score')}</th>
              <th scope="col">{t('inspectionPlan.table.decision')}</th>
              <th scope="col">{t('inspectionPlan.table.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {inspectionLineOutcomes(session, plan).map(({ line, order, findings }) => (
              <tr key={line.unitId} data-decision={line.decision}>
                <td>{line.rank}</td>
                <td>{unitName(line.unitId)}</td>
                <td>{format.figure(line.score)}</td>
                <td>{t(`labels.inspectionDecision.${line.decision}`)}</td>
                <td>
                  {order ? t(`labels.directiveStatus.${order.status}`) : ''}
                  {findings && <span className="muted"> — {findings}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The plans the chair adopted, newest first, with what became of each line. */
export function AdoptedPlans() {
  const { t } = useTranslation();
  const plans = useSessionStore((s) => s.session.inspectionPlans);
  if (plans.length === 0) return null;
  return (
    <Panel heading={t('inspectionPlan.adoptedHeading', { count: plans.length })} testId="adopted-plans">
      {[...plans].reverse().map((plan) => (
        <AdoptedPlan key={plan.id} plan={plan} />
      ))}
    </Panel>
  );
}
