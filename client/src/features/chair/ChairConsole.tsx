import { canIssue, type Role } from '@plenum/shared';
import { useMemo } from 'react';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { AgendaPanel } from '../agenda/AgendaPanel';
import { CriticismForm } from '../criticisms/CriticismForm';
import { CriticismList } from '../criticisms/CriticismList';
import { CurrentItemPanel } from '../floor/CurrentItemPanel';
import { ReportFigures } from '../reports/ReportFigures';
import { SessionHeader } from '../session/SessionHeader';

/** The chair's screen: the agenda with its floor actions beside the item on the floor. */
export function ChairConsole({ role }: { role: Role }) {
  const session = useSessionStore((s) => s.session);
  const focus = useMemo(() => sessionSelectors.focusItem(session), [session]);
  const isCurrent = focus !== null && focus.id === session.currentItemId;

  return (
    <div className="page">
      <SessionHeader />
      <main className="layout layout--chair">
        <div className="layout__column">
          <AgendaPanel role={role} />
        </div>
        <div className="layout__column">
          <CurrentItemPanel item={focus} />
          {focus?.unitId && <ReportFigures unitId={focus.unitId} />}
          {focus && isCurrent && canIssue(role, 'criticism:post') && <CriticismForm item={focus} />}
          {focus && <CriticismList itemId={focus.id} includeHidden />}
        </div>
      </main>
    </div>
  );
}
