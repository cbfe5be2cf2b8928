import type { Flag, ReportState } from '@plenum/shared';
import type { RecordWords } from './i18n.js';

function number(value: number | string | undefined): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** A flag's name, e.g. "Exactly on plan". */
export function flagTitle(words: RecordWords, flag: Flag): string {
  return words.t(`labels.flag.${flag.kind}`);
}

/**
 * Why a flag fired, in a sentence built from the shared rule's kind and figures: the same
 * sentences as the screens' (`client/src/widgets/reports/flagText.ts`), in the records' words.
 */
export function flagReason(words: RecordWords, flag: Flag, report: ReportState): string {
  const { t } = words;
  const indicator = report.indicators.find((i) => i.id === flag.indicatorId);
  const measure = indicator ? ` ${indicator.measure}` : '';
  const figure = (key: string) => `${words.figure(number(flag.params[key]))}${measure}`;
  const share = (key: string) => {
    const value = flag.params[key];
    return words.percent(typeof value === 'number' ? value : null);
  };
  const name = indicator?.name ?? '';
  switch (flag.kind) {
    case 'verified-below-reported':
    case 'verified-above-reported':
      return t(
        number(flag.params.share) > number(flag.params.limit) ? `flags.${flag.kind}` : `flags.${flag.kind}-plan`,
        {
          indicator: name,
          planned: figure('planned'),
          reported: figure('reported'),
          verified: figure('verified'),
          share: share('share'),
          limit: share('limit'),
        },
      );
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
        factor: words.factor(number(flag.params.factor)),
        limit: words.factor(number(flag.params.limit)),
      });
    case 'parts-do-not-add-up':
      return t('flags.parts-do-not-add-up', {
        indicator: name,
        total: figure('total'),
        sum: figure('sumOfParts'),
        count: number(flag.params.parts),
      });
    case 'revised-after-notice': {
      const change = (from: string, to: string) =>
        flag.params[from] === flag.params[to] ? figure(to) : `${figure(from)} → ${figure(to)}`;
      return t(flag.params.crossed === 'yes' ? 'flags.revised-after-notice' : 'flags.revised-after-notice-change', {
        indicator: name,
        time: words.time(String(flag.params.at)),
        planned: change('plannedFrom', 'plannedTo'),
        reported: change('reportedFrom', 'reportedTo'),
        from: share('from'),
        to: share('to'),
        threshold: share('threshold'),
        limit: share('limit'),
      });
    }
    case 'revised-after-presented':
      return t('flags.revised-after-presented', {
        indicator: name,
        from: figure('from'),
        to: figure('to'),
        time: words.time(String(flag.params.at)),
      });
  }
}
