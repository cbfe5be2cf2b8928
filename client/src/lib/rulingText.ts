import type { CriticismState } from '@plenum/shared';
import type { TFunction } from 'i18next';

/** A ruling in words: "Upheld", "Dismissed", or "Referred to the State Inspection Office". */
export function rulingText(t: TFunction, ruling: NonNullable<CriticismState['ruling']>): string {
  return ruling.ruling === 'referred' && ruling.referredTo !== null
    ? t('labels.referredTo', { to: ruling.referredTo })
    : t(`labels.ruling.${ruling.ruling}`);
}
