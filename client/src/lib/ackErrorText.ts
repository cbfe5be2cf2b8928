import type { Role } from '@plenum/shared';
import { i18n, withWords } from '../i18n';
import { errorMessage } from './errorCodeMessage';
import type { AckFailure } from './errorMessages';

/**
 * A failed ack in words (`ackErrorMessage`). A refusal's reason and its refused fields are said
 * in words the first visit does not carry: the first refusal fetches them with the code that
 * says them, after the round trip that brought it. Should they not come, the code's sentence
 * stands in, so the reader never sees a key.
 */
export async function ackErrorText(error: AckFailure, role?: Role | null): Promise<string> {
  if (!error.refusal && !error.issues?.length) return errorMessage(error.code);
  try {
    const { ackErrorMessage } = await withWords(['refusals'], import('./errorMessages'));
    // i18next settles a namespace it could not fetch without its words.
    if (i18n.hasResourceBundle(i18n.language, 'refusals')) return ackErrorMessage(error, role);
  } catch (failure) {
    console.warn('Plenum: cannot load the words of a refusal', failure);
  }
  return errorMessage(error.code);
}
