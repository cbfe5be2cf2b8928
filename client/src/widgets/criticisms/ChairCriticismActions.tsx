import { canIssue, Limits, type CriticismState, type DirectiveState, type SessionState } from '@plenum/shared';
import { memo, Suspense, useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { TextActionForm } from '../../components/TextActionForm';
import { withWords } from '../../i18n';
import { lazyWithRetry } from '../../shell/lazyWithRetry';
import { excerpt } from '../../lib/format';
import { sameFields } from '../../lib/sameFields';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { sessionStore } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { loadDirectiveDraft } from '../directives/directiveDraft';
import { RulingForm } from './RulingForm';

// Loaded with its words on its first use: few criticisms become directives, and the form is most
// of a card's code. A failed load says so in the form's place, to be tried again; a chunk of a
// replaced build reloads onto the new one. Either way the draft is kept on the device (`directiveDraft`).
const DirectiveForm = lazyWithRetry(() =>
  withWords(['decisions', 'refusals'], import('../directives/DirectiveForm')).then((m) => m.DirectiveForm),
);

type ChairPanel = 'rule' | 'hide' | 'directive';

interface ChairCriticismActionsProps {
  criticism: CriticismState;
  /** The directive made of it, if any: a criticism made into one says so, instead of offering to make it again. */
  directive: DirectiveState | null;
  /** The session's status, which decides what the chair may do now. */
  status: SessionState['status'];
  /** The card's words (see `CriticismItem`). */
  t: TFunction;
}

/** The same criticism but for its endorsements, which none of the chair's actions show or send. */
function sameButEndorsements(a: CriticismState, b: CriticismState): boolean {
  return sameFields(a, b, { endorsedBy: () => true });
}

function sameActionProps(last: ChairCriticismActionsProps, next: ChairCriticismActionsProps): boolean {
  return (
    sameButEndorsements(last.criticism, next.criticism) &&
    last.directive === next.directive &&
    last.status === next.status &&
    last.t === next.t
  );
}

/**
 * What the chair does with a criticism: rule on it, hide it (or show it again), or make a directive of it.
 * Memoised: an endorsement renders the card again for its count, not the chair's actions.
 */
export const ChairCriticismActions = memo(function ChairCriticismActions({
  criticism,
  directive,
  status: sessionStatus,
  t,
}: ChairCriticismActionsProps) {
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  // A directive being made of this criticism is kept across a reload, as the Decisions tab's is.
  // Read once, not subscribed: the session and its viewer do not change under a card, and every
  // card subscribing would add to each event's work (see ChairConsole.renders.test.tsx).
  const [draftPlace] = useState(() => {
    const { session, you } = sessionStore.getState();
    return { sessionId: session.sessionId, participantId: you?.id ?? '', form: `criticism:${criticism.id}` };
  });
  const [open, setOpen] = useState<ChairPanel | null>(() =>
    loadDirectiveDraft(draftPlace) === null ? null : 'directive',
  );
  const setView = useUiStore((s) => s.setView);
  const panelId = useId();
  const mayRule = canIssue('chair', 'criticism:rule', sessionStatus);
  const mayDirect = canIssue('chair', 'directive:issue', sessionStatus);
  const mayUnhide = canIssue('chair', 'criticism:unhide', sessionStatus);
  // Offline, a form that is closed stays closed, as other sending controls are disabled; an open
  // one stays open (its text kept, its submit disabled) and can still be closed.
  const toggle = (panel: ChairPanel) => setOpen((current) => (current === panel ? null : panel));
  const forReader = excerpt(criticism.text, 60);

  return (
    <div className="criticism__actions">
      <div className="button-row">
        <DisclosureButton
          testId={`rule-${criticism.id}`}
          isOpen={open === 'rule'}
          controls={panelId}
          disabled={!mayRule || (!canSend && open !== 'rule')}
          onToggle={() => toggle('rule')}
          forReader={forReader}
        >
          {criticism.ruling ? t('criticism.rule.change') : t('criticism.rule.open')}
        </DisclosureButton>
        {criticism.hidden && (
          // In the place of "Hide…": the card's marker says it is hidden, and why.
          <button
            type="button"
            className="button button--small"
            data-testid={`unhide-${criticism.id}`}
            disabled={!mayUnhide || !canSend}
            onClick={() =>
              void run(
                { type: 'criticism:unhide', payload: { criticismId: criticism.id } },
                t('criticism.unhide.failed'),
              )
            }
          >
            {t('criticism.unhide.action')}
          </button>
        )}
        {!criticism.hidden && (
          <DisclosureButton
            testId={`hide-${criticism.id}`}
            isOpen={open === 'hide'}
            controls={panelId}
            disabled={!mayRule || (!canSend && open !== 'hide')}
            onToggle={() => toggle('hide')}
            forReader={forReader}
          >
            {t('criticism.hide.open')}
          </DisclosureButton>
        )}
        {directive && (
          <span className="criticism__directive" data-testid={`directive-made-${criticism.id}`}>
            {t('criticism.directiveMade', { title: directive.title })}{' '}
            <button type="button" className="button button--small" onClick={() => setView('decisions')}>
              {t('criticism.seeDirective')}
            </button>
          </span>
        )}
        {criticism.unitId && !directive && (
          <DisclosureButton
            testId={`make-directive-${criticism.id}`}
            isOpen={open === 'directive'}
            controls={panelId}
            disabled={!mayDirect}
            onToggle={() => toggle('directive')}
            forReader={forReader}
          >
            {t('criticism.makeDirective')}
          </DisclosureButton>
        )}
      </div>
      <div id={panelId}>
        {open === 'rule' && <RulingForm criticism={criticism} onDone={() => setOpen(null)} />}
        {open === 'hide' && (
          <TextActionForm
            testId={`hide-form-${criticism.id}`}
            label={t('criticism.hide.reason')}
            submitLabel={t('criticism.hide.submit')}
            requiredMessage={t('criticism.hide.reasonMissing')}
            maxLength={Limits.textLength}
            isDisabled={!canSend}
            onCancel={() => setOpen(null)}
            onSubmit={async (reason) => {
              const ok = await run(
                { type: 'criticism:hide', payload: { criticismId: criticism.id, reason } },
                t('criticism.hide.failed'),
              );
              if (ok) setOpen(null);
              return ok;
            }}
          />
        )}
        {open === 'directive' && criticism.unitId && !directive && (
          <Suspense
            fallback={
              <p className="inline-form muted" role="status" data-testid="directive-form-loading">
                {t('common.loading')}
              </p>
            }
          >
            <DirectiveForm
              initial={{
                kind: criticism.category === 'inflated-report' ? 'inspection' : 'explain-failure',
                assigneeUnitId: criticism.unitId,
                title: excerpt(criticism.text, 80),
                fromCriticismId: criticism.id,
                itemId: criticism.itemId,
              }}
              onDone={() => setOpen(null)}
              draftPlace={draftPlace}
            />
          </Suspense>
        )}
      </div>
      {/* Mounted with a failure only (see `EndorseButton`). */}
      {error && <ErrorNote message={error} onDismiss={dismissError} />}
    </div>
  );
}, sameActionProps);
