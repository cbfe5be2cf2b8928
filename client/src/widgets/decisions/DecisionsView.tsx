import { ProposedWarnings } from './ProposedWarnings';
import { SecondReviews } from './SecondReviews';
import { Directives } from './Directives';
import { CloseSession } from './CloseSession';
import './DecisionsView.css';

/** The chair's decisions: proposed warnings, second reviews, directives, closing the session. */
export function DecisionsView() {
  return (
    <div className="layout layout--two">
      <div className="layout__column">
        <ProposedWarnings />
        <SecondReviews />
        <CloseSession />
      </div>
      <div className="layout__column">
        <Directives />
      </div>
    </div>
  );
}
