import type { Flag, ReportState } from '@plenum/shared';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../lib/useFormat';

function number(value: number | string | undefined): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** A share the flag carries (a fulfilment before or after a revision); null when it has none. */
export function flagShare(flag: Flag, key: string): number | null {
  const value = flag.params[key];
  return typeof value === 'number' ? value : null;
}

/** A flag's name, e.g. "Exactly on plan". */
export function flagTitle(t: TFunction, flag: Flag): string {
  return t(`labels.flag.${flag.kind}`);
}

/**
 * Why a flag fired, in a sentence of the current language built from the shared rule's kind
 * and figures (numbers formatted for the locale).
 */
export function flagReason(t: TFunction, flag: Flag, report: ReportState, format: Formatters): string {
  const indicator = report.indicators.find((i) => i.id === flag.indicatorId);
  const measure = indicator ? ` ${indicator.measure}` : '';
  const figure = (key: string) => `${format.figure(number(flag.params[key]))}${measure}`;
  const name = indicator?.name ?? '';
  switch (flag.kind) {
    // A cost's mirror image of the same pattern: the same figures, its own sentence. A gap over
    // the session's threshold says so; a smaller one fired because it meets the plan on paper only.
    case 'verified-below-reported':
    case 'verified-above-reported': {
      const share = number(flag.params.share);
      const limit = number(flag.params.limit);
      return t(share > limit ? `flags.${flag.kind}` : `flags.${flag.kind}-plan`, {
        indicator: name,
        planned: figure('planned'),
        reported: figure('reported'),
        verified: figure('verified'),
        share: format.percent(share),
        limit: format.percent(limit),
      });
    }
    case 'exactly-on-plan':
      return t('flags.exactly-on-plan', {
        count: number(flag.params.count),
        indicators: String(flag.params.indicators ?? ''),
      });
    case 'jump-vs-previous':
    case 'drop-vs-previous':
      return t(`flags.${flag.kind}`, {
        indicator: name,
        previous: figure('previous'),
        reported: figure('reported'),
        factor: format.factor(number(flag.params.factor)),
        limit: format.factor(number(flag.params.limit)),
      });
    case 'parts-do-not-add-up':
      return t('flags.parts-do-not-add-up', {
        indicator: name,
        total: figure('total'),
        sum: figure('sumOfParts'),
        count: number(flag.params.parts),
      });
    case 'revised-after-notice': {
      // A figure that did not change is shown once; one that did, before → after.
      const change = (from: string, to: string) =>
        flag.params[from] === flag.params[to] ? figure(to) : `${figure(from)} → ${figure(to)}`;
      const share = (key: string) => format.percent(flagShare(flag, key));
      return t(flag.params.crossed === 'yes' ? 'flags.revised-after-notice' : 'flags.revised-after-notice-change', {
        indicator: name,
        time: format.time(String(flag.params.at)),
        planned: change('plannedFrom', 'plannedTo'),
        reported: change('reportedFrom', 'reportedTo'),
        from: share('from'),
        to: share('to'),
        threshold: format.percent(number(flag.params.threshold)),
        limit: format.percent(number(flag.params.limit)),
      });
    }
    case 'revised-after-presented':
      return t('flags.revised-after-presented', {
        indicator: name,
        from: figure('from'),
        to: figure('to'),
        time: format.time(String(flag.params.at)),
      });
  }
}
