import { AdoptedPlans } from './AdoptedPlans';
import { ProposedPlan } from './ProposedPlan';
import './InspectionPlan.css';

/** The chair's inspection plan by risk: the proposal to decide on, and the plans adopted with their outcome. */
export function InspectionPlanView() {
  return (
    <div className="layout layout--two">
      <div className="layout__column">
        <ProposedPlan />
      </div>
      <div className="layout__column">
        <AdoptedPlans />
      </div>
    </div>
  );
}
