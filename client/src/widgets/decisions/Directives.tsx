import { canIssue } from '@plenum/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { todayIsoDate } from '../../lib/format';
import { decisionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { DirectiveCard } from '../directives/DirectiveCard';
import { DirectiveForm } from '../directives/DirectiveForm';
import { loadDirectiveDraft } from '../directives/directiveDraft';
import { Panel } from '../../components/Panel';

/** Every directive with what the chair may do with it, and a form to issue a new one. */
export function Directives() {
  const { t } = useTranslation();
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const participantId = useSessionStore((s) => s.you?.id ?? '');
  const draftPlace = useMemo(() => ({ sessionId, participantId, form: 'decisions' }), [sessionId, participantId]);
  // A directive left unsent by a reload opens again with what was typed.
  const [isIssuing, setIsIssuing] = useState(() => loadDirectiveDraft(draftPlace) !== null);
  const tracked = useSessionState(decisionSelectors.directiveTracker, todayIsoDate());
  const status = useSessionStore((s) => s.session.status);
  const firstUnit = useSessionStore((s) => s.session.unitOrder[0] ?? '');
  const mayIssue = canIssue('chair', 'directive:issue', status);

  return (
    <Panel heading={t('decisions.directives.heading', { count: tracked.length })} testId="directives-panel">
      <DisclosureButton
        testId="issue-directive"
        isOpen={isIssuing}
        disabled={!mayIssue}
        onToggle={() => setIsIssuing((v) => !v)}
      >
        {t('decisions.directives.new')}
      </DisclosureButton>
      {isIssuing && (
        <DirectiveForm
          initial={{ kind: 'inspection', assigneeUnitId: firstUnit, title: '', fromCriticismId: null, itemId: null }}
          onDone={() => setIsIssuing(false)}
          draftPlace={draftPlace}
        />
      )}
      {tracked.length === 0 ? (
        <p className="muted">{t('decisions.directives.none')}</p>
      ) : (
        <div className="directive-list">
          {tracked.map(({ directive, isOverdue }) => (
            <DirectiveCard key={directive.id} directive={directive} isOverdue={isOverdue} />
          ))}
        </div>
      )}
    </Panel>
  );
}
