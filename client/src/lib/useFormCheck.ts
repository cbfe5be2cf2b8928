import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText, type ApiErrorWording } from '../api/apiErrorText';
import { ApiError } from '../api/request';
import { issuesByField } from './refusedFields';

/**
 * A form's errors, each shown beside its field by key, and the refusal said above its buttons:
 * from the form's own check before sending, or from the server's answer (`wording` says which
 * link signed the call).
 */
export function useFormCheck(wording: ApiErrorWording) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);

  /** Shows what the form's own check found (by field key); true when there is nothing to change. */
  const check = (found: Record<string, string>): boolean => {
    const count = Object.keys(found).length;
    setErrors(found);
    setRefusal(count > 0 ? t('admin.convene.checkFields', { count }) : null);
    return count === 0;
  };

  /** Shows a refused call: each refused field beside it, the reason above the buttons; answers the fields. */
  const refuse = (error: unknown): Record<string, string> => {
    const byField = error instanceof ApiError ? issuesByField(error.issues) : {};
    setErrors(byField);
    setRefusal(apiErrorText(error, wording));
    return byField;
  };

  return { errors, refusal, setRefusal, check, refuse, clear: () => check({}) };
}
