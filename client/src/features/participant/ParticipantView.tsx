import { canIssue, type Role } from '@plenum/shared';
import { useMemo } from 'react';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { CriticismForm } from '../criticisms/CriticismForm';
import { CriticismList } from '../criticisms/CriticismList';
import { CurrentItemPanel } from '../floor/CurrentItemPanel';
import { ReportFigures } from '../reports/ReportFigures';
import { SessionHeader } from '../session/SessionHeader';

/** The screen of presenters, officials and inspectors: the floor, the figures, the criticism. */
export function ParticipantView({ role }: { role: Role }) {
  const session = useSessionStore((s) => s.session);
  const focus = useMemo(() => sessionSelectors.focusItem(session), [session]);
  const isCurrent = focus !== null && focus.id === session.currentItemId;

  return (
    <div className="page">
      <SessionHeader />
      <main className="layout layout--participant">
        <div className="layout__column">
          <CurrentItemPanel item={focus} />
          {focus?.unitId && <ReportFigures unitId={focus.unitId} />}
        </div>
        <div className="layout__column">
          {focus && isCurrent && canIssue(role, 'criticism:post') && <CriticismForm item={focus} />}
          {focus ? (
            <CriticismList itemId={focus.id} />
          ) : (
            <p className="panel muted">Criticism will appear here once an agenda item is on the floor.</p>
          )}
        </div>
      </main>
    </div>
  );
}
