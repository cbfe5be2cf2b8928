import {
  inspectionLineOutcomes,
  reasonFlag,
  type InspectionLineOutcome,
  type InspectionPlanState,
  type InspectionReason,
  type SessionState,
} from '@plenum/shared';
import type { Block, ItemLine, ListItem } from './document.js';
import { participantName, unitName } from './facts.js';
import { flagReason } from './flagText.js';
import type { RecordWords } from './i18n.js';

/** A reason in the record's words: its name, then what its flag or figures say. */
function reasonLine(
  state: SessionState,
  words: RecordWords,
  outcome: InspectionLineOutcome,
  reason: InspectionReason,
): string {
  const { t } = words;
  const label = t(`labels.inspectionReason.${reason.kind}`);
  const report = state.reports[outcome.line.unitId];
  // Figures enter the minutes once the unit has presented them; before, the reason is named only.
  if (!report || !outcome.isPresented) return label;
  const flag = reasonFlag(reason);
  const sentences: string[] = [];
  if (flag) sentences.push(flagReason(words, flag, report));
  const share = (key: string) => (typeof reason.params[key] === 'number' ? reason.params[key] : null);
  if (reason.kind === 'under-threshold') {
    sentences.push(
      t('inspectionReasons.under-threshold', {
        fulfilment: words.percent(share('fulfilment')),
        threshold: words.percent(share('threshold')),
      }),
    );
  }
  if (reason.kind === 'not-verified-recently') {
    const period = String(reason.params.lastVerified ?? '');
    sentences.push(
      period
        ? t('inspectionReasons.not-verified-recently', { period, quarters: reason.params.quarters })
        : t('inspectionReasons.never-verified'),
    );
  }
  if (reason.params.topPerformer) sentences.push(t('inspectionReasons.top-performer'));
  return sentences.length === 0 ? label : `${label}: ${sentences.join(' ')}`;
}

/** The outcome of an accepted line: its order's status, the findings filed, the figures verified. */
function outcomeLines(
  words: RecordWords,
  { order, carriedOutBy, findings, verified }: InspectionLineOutcome,
): ItemLine[] {
  const { t } = words;
  if (!order) return [];
  const lines: ItemLine[] = [
    {
      text: t('minutes.inspectionPlan.order', {
        title: order.title,
        inspector: carriedOutBy,
        due: order.dueDate,
        status: t(`labels.directiveStatus.${order.status}`),
      }),
    },
  ];
  if (findings) lines.push({ text: t('minutes.inspectionPlan.findings', { text: findings }) });
  if (verified.length > 0) {
    const figures = verified.map((i) =>
      t('minutes.inspectionPlan.verifiedFigure', {
        indicator: i.name,
        reported: `${words.figure(i.reported)} ${i.measure}`,
        verified: `${words.figure(i.verified)} ${i.measure}`,
      }),
    );
    lines.push({ text: t('minutes.inspectionPlan.verified', { figures: figures.join('; ') }) });
  }
  return lines;
}

function planBlocks(state: SessionState, words: RecordWords, plan: InspectionPlanState): Block[] {
  const { t } = words;
  const items: ListItem[] = inspectionLineOutcomes(state, plan).map((outcome) => ({
    strong: t('minutes.inspectionPlan.line', {
      rank: outcome.line.rank,
      unit: unitName(state, outcome.line.unitId),
      score: words.figure(outcome.line.score),
      decision: t(`labels.inspectionDecision.${outcome.line.decision}`),
    }),
    lines: [
      ...outcome.line.reasons.map((reason) => ({ text: reasonLine(state, words, outcome, reason) })),
      ...outcomeLines(words, outcome),
    ],
  }));
  return [
    {
      kind: 'heading',
      level: 3,
      text: t('minutes.inspectionPlan.adopted', {
        time: words.instant(plan.at),
        chair: participantName(state, plan.actorId),
        capacity: plan.capacity,
      }),
    },
    items.length === 0 ? { kind: 'paragraph', text: t('minutes.none') } : { kind: 'list', items },
  ];
}

/**
 * The inspection plans adopted in the session: each line ranked with its score, its reasons and
 * the chair's decision, and for an accepted line the order, the findings filed on it and the
 * figures verified. Empty when no plan was adopted.
 */
export function inspectionPlanBlocks(state: SessionState, words: RecordWords): Block[] {
  return state.inspectionPlans.flatMap((plan) => planBlocks(state, words, plan));
}
