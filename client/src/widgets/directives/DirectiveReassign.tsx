import {
  canIssue,
  directivePersonName,
  isAssigneeAbsent,
  reassignBlocker,
  reassignCandidates,
  type DirectiveState,
} from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { FormActions } from '../../components/FormActions';
import { SelectField } from '../../components/SelectField';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { useSessionState, useSessionStore } from '../../stores/session';

/**
 * Said on a directive whose inspector this session does not count among its participants (an
 * order carried over from a review that invited them): nobody here acts on it until reassigned.
 */
export function AssigneeAbsentNote({ directive }: { directive: DirectiveState }) {
  const { t } = useTranslation();
  const isAbsent = useSessionState(isAssigneeAbsent, directive);
  const name = useSessionStore((s) =>
    directive.inspectorId ? directivePersonName(s.session, directive, directive.inspectorId) : '',
  );
  if (!isAbsent) return null;
  return (
    <p className="directive__meta form-error" role="note" data-testid={`directive-assignee-absent-${directive.id}`}>
      {t('directive.assigneeAbsent', { name })}
    </p>
  );
}

/** The chair's "Reassign…": gives an open inspection order to another inspector of this session. */
export function ReassignControl({ directive }: { directive: DirectiveState }) {
  const { t } = useTranslation();
  const formId = useId();
  const role = useSessionStore((s) => s.you?.role ?? null);
  const status = useSessionStore((s) => s.session.status);
  const candidates = useSessionState(reassignCandidates, directive);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  const [isOpen, setIsOpen] = useState(false);
  const [chosen, setChosen] = useState<string>('');
  const mayReassign = role === 'chair' && canIssue(role, 'directive:reassign', status);
  // Not an inspection order, or its work is done or under review: nothing to reassign.
  if (!mayReassign || reassignBlocker(directive) !== null) return null;
  const assigneeId = candidates.some((p) => p.id === chosen) ? chosen : (candidates[0]?.id ?? '');
  const id = directive.id;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!assigneeId) return;
    void run(
      { type: 'directive:reassign', payload: { directiveId: id, assigneeId } },
      t('directive.reassign.failed'),
    ).then((ok) => {
      if (ok) setIsOpen(false);
    });
  };

  return (
    <div className="directive__reassign">
      <div className="button-row">
        <DisclosureButton
          testId={`reassign-directive-${id}`}
          isOpen={isOpen}
          controls={`${formId}-panel`}
          onToggle={() => setIsOpen((open) => !open)}
        >
          {t('directive.reassign.open')}
        </DisclosureButton>
      </div>
      {isOpen && (
        <div id={`${formId}-panel`}>
          {candidates.length === 0 ? (
            <p className="directive__meta" role="status">
              {t('directive.reassign.none')}
            </p>
          ) : (
            <form className="inline-form" data-testid={`reassign-form-${id}`} onSubmit={submit} noValidate>
              <SelectField
                id={`${formId}-assignee`}
                testId={`reassign-assignee-${id}`}
                label={t('directive.reassign.label')}
                value={assigneeId}
                options={candidates.map((p) => ({ value: p.id, label: p.name }))}
                onChange={setChosen}
              />
              <div className="button-row">
                <FormActions
                  submitLabel={t('directive.reassign.submit')}
                  isDisabled={!canSend || isBusy}
                  onCancel={() => setIsOpen(false)}
                  testId={`reassign-submit-${id}`}
                />
              </div>
            </form>
          )}
        </div>
      )}
      <ErrorNote message={error} onDismiss={dismissError} />
    </div>
  );
}
