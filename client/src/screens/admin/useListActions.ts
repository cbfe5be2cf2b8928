import { useState } from 'react';
import { apiErrorText } from '../../api/apiErrorText';
import { adminWording } from './adminApi';
import type { useFormCheck } from '../../lib/useFormCheck';

/**
 * What a console tab listing things (administrators, API tokens, webhooks) keeps while it adds
 * and withdraws them: the form's one request at a time, the line that says what was done, and
 * the item a withdrawal asks about before it goes. Each success reloads the list; a refused
 * request is said by the form (`useFormCheck`) with its fields.
 */
export function useListActions<Item>(list: { reload(): void }, form: ReturnType<typeof useFormCheck>) {
  const [isBusy, setIsBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState<Item | null>(null);

  /** Sends the form's request; `onAnswer` takes the answer (clearing the form), then the list reloads. */
  const submit = <Answer>(request: Promise<Answer>, onAnswer: (answer: Answer) => void) => {
    setIsBusy(true);
    setDone(null);
    request.then(
      (answer) => {
        setIsBusy(false);
        onAnswer(answer);
        list.reload();
      },
      (failure: unknown) => {
        setIsBusy(false);
        form.refuse(failure);
      },
    );
  };

  /** Runs an action on a listed item (the question, if any, is put away first); `doneText` says it went through. */
  const act = (request: Promise<unknown>, doneText: string, onDone?: () => void) => {
    setAsking(null);
    request.then(
      () => {
        setDone(doneText);
        onDone?.();
        list.reload();
      },
      (failure: unknown) => form.setRefusal(apiErrorText(failure, adminWording)),
    );
  };

  return { isBusy, done, asking, ask: setAsking, stopAsking: () => setAsking(null), submit, act };
}
