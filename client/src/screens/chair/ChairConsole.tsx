import type { Role, SessionState } from '@plenum/shared';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../../i18n';
import { floorSelectors, sessionSelectors, useSessionState } from '../../stores/session';
import { AgendaPanel } from '../../widgets/agenda/AgendaPanel';
import { CriticismFormOrUnsent } from '../../widgets/criticisms/CriticismFormOrUnsent';
import { CriticismList } from '../../widgets/criticisms/CriticismList';
import { CurrentItemPanel } from '../../widgets/floor/CurrentItemPanel';
import { SpeakerQueue } from '../../widgets/floor/SpeakerQueue';
import { ReportFigures } from '../../widgets/reports/ReportFigures';
import { SessionPage } from '../../shell/SessionPage';
import { FloorControls } from '../../widgets/floor/FloorControls';
import './ChairConsole.css';

// Views away from the floor load when first opened, keeping the first screen light.
const DecisionsView = lazy(() =>
  withWords(['decisions', 'confirm', 'refusals'], import('../../widgets/decisions/DecisionsView')).then((m) => ({
    default: m.DecisionsView,
  })),
);
const InspectionPlanView = lazy(() =>
  withWords(['decisions'], import('./inspectionPlan/InspectionPlanView')).then((m) => ({
    default: m.InspectionPlanView,
  })),
);
const AttendanceView = lazy(() =>
  withWords(['decisions'], import('../../widgets/attendance/AttendanceView')).then((m) => ({
    default: m.AttendanceView,
  })),
);
const PrepareView = lazy(() =>
  withWords(['prepare', 'admin', 'imports', 'confirm', 'refusals'], import('../prepare/PrepareView')).then((m) => ({
    default: m.PrepareView,
  })),
);

/**
 * Before any item has been on the floor: what the column will hold, and the next unit's figures
 * to read while the opening runs.
 */
function BeforeFloor() {
  const { t } = useTranslation();
  const next = useSessionState(floorSelectors.nextItem);
  return (
    <>
      <section className="panel" aria-labelledby="before-floor-heading" data-testid="before-floor">
        <h2 id="before-floor-heading" className="panel__heading">
          {t('criticism.list.heading')}
        </h2>
        <p className="muted">{t('criticism.list.beforeFloor')}</p>
      </section>
      {next?.unitId && <ReportFigures unitId={next.unitId} showFlags />}
    </>
  );
}

/** The item in focus as the floor's columns place it: not its timer, which a pause or a resume changes. */
function focusOf(state: SessionState) {
  const focus = sessionSelectors.focusItem(state);
  return (
    focus && { id: focus.id, unitId: focus.unitId, status: focus.status, isCurrent: focus.id === state.currentItemId }
  );
}

/** The item in focus with its timer, and the chair's controls under it: what a timer event renders. */
function ChairCurrentItem() {
  const focus = useSessionState(sessionSelectors.focusItem);
  return (
    <CurrentItemPanel item={focus}>
      <FloorControls />
    </CurrentItemPanel>
  );
}

/**
 * The chair's live floor: the agenda; the item on the floor with its controls and the
 * speakers; beside them (below on narrower screens) the live criticism to rule on, then the
 * unit's figures. The chair's own criticism form, seldom used, stays folded.
 */
function ChairFloor({ role }: { role: Role }) {
  // An answer equal in value to the last is the last: a timer event renders none of the columns.
  const focus = useSessionState(focusOf);
  return (
    <div className="layout layout--chair">
      <div className="layout__column layout__agenda">
        <AgendaPanel role={role} />
      </div>
      <div className="layout__column layout__floor">
        <ChairCurrentItem />
        <SpeakerQueue canManage />
      </div>
      <div className="layout__column layout__feed">
        {!focus && <BeforeFloor />}
        {focus && <CriticismList itemId={focus.id} includeHidden />}
        {focus?.unitId && <ReportFigures unitId={focus.unitId} showFlags />}
        <CriticismFormOrUnsent role={role} item={focus} isCurrent={focus?.isCurrent ?? false} isCollapsed />
      </div>
    </div>
  );
}

/**
 * The chair's screen: preparing the session (first until a day opens), the floor with one-key
 * controls, decisions (with the inspection plan by risk), attendance, dashboard and minutes.
 */
export function ChairConsole({ role }: { role: Role }) {
  return (
    <SessionPage
      role={role}
      floor={<ChairFloor role={role} />}
      views={{
        decisions: (
          <>
            <DecisionsView />
            {/* Its own boundary: the decisions show without waiting for the plan's code. */}
            <Suspense fallback={null}>
              <InspectionPlanView />
            </Suspense>
          </>
        ),
        attendance: <AttendanceView />,
        prepare: <PrepareView role={role} />,
      }}
    />
  );
}
