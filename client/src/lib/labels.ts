import type {
  AgendaItemStatus,
  CriticismCategory,
  CriticismRuling,
  DayState,
  Role,
  SessionStatus,
  Severity,
} from '@plenum/shared';

// Keyed by the shared unions, so a new category, status or role fails to compile until it has
// a label here. Values are user text (to be extracted for i18n).

export const criticismCategoryLabels: Record<CriticismCategory, string> = {
  'inflated-report': 'Inflated report',
  'paper-only': 'Fulfilled on paper only',
  shortfall: 'Shortfall',
  discipline: 'Discipline',
  supply: 'Supply',
  other: 'Other',
};

export const severityLabels: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export const agendaStatusLabels: Record<AgendaItemStatus, string> = {
  pending: 'Pending',
  presenting: 'Presenting',
  'floor-open': 'Floor open',
  closed: 'Closed',
  deferred: 'Deferred',
};

export const dayStatusLabels: Record<DayState['status'], string> = {
  scheduled: 'Scheduled',
  open: 'Open',
  adjourned: 'Adjourned',
};

export const sessionStatusLabels: Record<SessionStatus, string> = {
  draft: 'Draft',
  noticed: 'Notice published',
  'in-session': 'In session',
  closed: 'Closed',
};

export const rulingLabels: Record<CriticismRuling, string> = {
  upheld: 'Upheld',
  dismissed: 'Dismissed',
  referred: 'Referred',
};

export const roleLabels: Record<Role, string> = {
  chair: 'Chair',
  presenter: 'Presenter',
  official: 'Official',
  inspector: 'Inspector',
  observer: 'Observer',
};

/** The keys of a label table, in declaration order: the options of a select. */
export function optionsOf<TKey extends string>(labels: Record<TKey, string>): TKey[] {
  return Object.keys(labels) as TKey[];
}
