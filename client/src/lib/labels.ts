import type {
  AgendaItemStatus,
  ComparisonDimension,
  CriticismCategory,
  CriticismRuling,
  DirectiveKind,
  DirectiveStatus,
  IndicatorDirection,
  Ownership,
  Role,
  Severity,
  WarningStatus,
} from '@plenum/shared';

// The values of the shared unions, in the order the screens offer them. Keyed by the union, so
// a new category, kind or status fails to compile until it is listed here; its text lives in
// the locale files under `labels.*`, which the compiler checks against en.json.

function keysOf<TKey extends string>(record: Record<TKey, true>): TKey[] {
  return Object.keys(record) as TKey[];
}

export const criticismCategories = keysOf<CriticismCategory>({
  'inflated-report': true,
  'paper-only': true,
  shortfall: true,
  discipline: true,
  supply: true,
  other: true,
});

export const severities = keysOf<Severity>({ low: true, medium: true, high: true });

export const rulings = keysOf<CriticismRuling>({ upheld: true, dismissed: true, referred: true });

export const agendaStatuses = keysOf<AgendaItemStatus>({
  pending: true,
  presenting: true,
  'floor-open': true,
  closed: true,
  deferred: true,
});

export const roleOrder = keysOf<Role>({
  chair: true,
  presenter: true,
  official: true,
  inspector: true,
  observer: true,
  administrator: true,
});

export const directiveKinds = keysOf<DirectiveKind>({
  inspection: true,
  'explain-failure': true,
  'corrective-plan': true,
  other: true,
});

export const directiveStatuses = keysOf<DirectiveStatus>({
  open: true,
  acknowledged: true,
  answered: true,
  accepted: true,
  rejected: true,
  closed: true,
});

export const warningStatuses = keysOf<WarningStatus>({ open: true, lifted: true, escalated: true });

export const indicatorDirections = keysOf<IndicatorDirection>({ 'higher-is-better': true, 'lower-is-better': true });

export const ownerships = keysOf<Ownership>({ state: true, private: true, cooperative: true, joint: true });

export const comparisonDimensions = keysOf<ComparisonDimension>({
  ownership: true,
  sector: true,
  region: true,
  class: true,
});
