import { reasonFlag, type InspectionReason, type ReportState } from '@plenum/shared';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../../lib/useFormat';
import { flagReason } from '../../../widgets/reports/flagText';

/** A reason of the plan in words: its name, and the sentence with its figures. */
export interface ReasonText {
  label: string;
  detail: string;
}

function paramText(reason: InspectionReason, key: string): string {
  const value = reason.params[key];
  return value === undefined ? '' : String(value);
}

function paramShare(reason: InspectionReason, key: string): number | null {
  const value = reason.params[key];
  return typeof value === 'number' ? value : null;
}

/**
 * Why a unit is on the plan, in the current language: a reason from a report flag says what the
 * flag says (the same sentence as the figures panel), and a top performer is named as one.
 */
export function reasonText(
  t: TFunction,
  reason: InspectionReason,
  report: ReportState | undefined,
  format: Formatters,
): ReasonText {
  const label = t(`labels.inspectionReason.${reason.kind}`);
  const flag = reasonFlag(reason);
  const sentences: string[] = [];
  if (flag && report) sentences.push(flagReason(t, flag, report, format));
  if (reason.kind === 'under-threshold') {
    sentences.push(
      t('inspectionReasons.under-threshold', {
        fulfilment: format.percent(paramShare(reason, 'fulfilment')),
        threshold: format.percent(paramShare(reason, 'threshold')),
      }),
    );
  }
  if (reason.kind === 'not-verified-recently') {
    const period = paramText(reason, 'lastVerified');
    sentences.push(
      period
        ? t('inspectionReasons.not-verified-recently', { period, quarters: paramText(reason, 'quarters') })
        : t('inspectionReasons.never-verified'),
    );
  }
  if (reason.params.topPerformer) sentences.push(t('inspectionReasons.top-performer'));
  return { label, detail: sentences.join(' ') };
}
