import type { useCommand } from '../../realtime/useCommand';
import { fieldKey } from '../../lib/refusedFields';
import { useFocusInvalid } from '../../lib/useFocusInvalid';
import { useFormCheck } from '../../lib/useFormCheck';
import { invitationWording } from './invitationsApi';

/** What a form reads of the command state its sends go through. */
export type FormCommand = Pick<ReturnType<typeof useCommand>, 'error' | 'fields' | 'dismissError'>;

/**
 * A preparation form's errors, as the administrator's forms show theirs: its own check before
 * sending marks each field to change beside it; a refused command marks the fields the server
 * named (`formFields`, by field key) with the refusal, or says it above the buttons when it
 * named none of them. After either, the first field to change takes the focus.
 */
export function usePrepareFormCheck(formFields: readonly string[], command?: FormCommand) {
  const { errors, refusal, setRefusal, check } = useFormCheck(invitationWording);
  const { formRef, focusInvalid } = useFocusInvalid();

  const refused: Record<string, string> = {};
  if (command?.error) {
    for (const key of command.fields.map(fieldKey)) if (formFields.includes(key)) refused[key] = command.error;
  }
  const isRefusedBeside = Object.keys(refused).length > 0;

  return {
    formRef,
    /** The error to show beside the field `key`, if any. */
    errorOf: (key: string): string | undefined => errors[key] ?? refused[key],
    /** What to say above the buttons: the check's count, or a refusal naming none of the fields. */
    refusal: refusal ?? (isRefusedBeside ? null : (command?.error ?? null)),
    dismiss: () => {
      setRefusal(null);
      command?.dismissError();
    },
    /** Shows what the form's own check `found` (by field key); true when it may send. */
    maySend: (found: Record<string, string>): boolean => {
      command?.dismissError();
      if (check(found)) return true;
      focusInvalid();
      return false;
    },
    /** After a send: a refusal moves the focus to the field it marked. */
    sent: (ok: boolean) => {
      if (!ok) focusInvalid();
    },
  };
}
