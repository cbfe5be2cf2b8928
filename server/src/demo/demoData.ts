import {
  defaultThresholds,
  type Indicator,
  type IndicatorDirection,
  type OrganisationUnit,
  type ReviewSessionDefinition,
  type Role,
} from '@plenum/shared';

/**
 * The demo review: a province's first-quarter review over three days, with eight reporting
 * units of mixed ownership, some of them under 70 % of planned production.
 */
export const demoSession: Omit<ReviewSessionDefinition, 'createdAt'> = {
  title: 'Northern Province — first-quarter economic review',
  period: '2026-Q1',
  organisation: 'Northern Province Committee',
  days: [
    { id: 'day-1', date: '2026-04-13', title: 'Day 1 — heavy industry' },
    { id: 'day-2', date: '2026-04-14', title: 'Day 2 — light industry and food' },
    { id: 'day-3', date: '2026-04-15', title: 'Day 3 — agriculture and transport' },
  ],
  thresholds: defaultThresholds,
  conferenceLink: 'https://conference.example.org/northern-province-q1',
  organiserUnitId: 'northern-province',
  previousSessionId: null,
};

/** The previous quarter's review, already closed: its warnings and directives carry into Q1. */
export const demoPreviousSession: Omit<ReviewSessionDefinition, 'createdAt'> = {
  ...demoSession,
  title: 'Northern Province — fourth-quarter economic review',
  period: '2025-Q4',
  days: [{ id: 'q4-day-1', date: '2026-01-12', title: 'Review of the fourth quarter' }],
  conferenceLink: null,
};

const unit = (u: OrganisationUnit): OrganisationUnit => u;

export const demoUnits: OrganisationUnit[] = [
  unit({
    id: 'northern-province',
    name: 'Northern Province',
    kind: 'province',
    parentId: null,
    ownership: 'state',
    sector: 'Administration',
    class: null,
    region: 'Northern Province',
  }),
  unit({
    id: 'riverside-city',
    name: 'Riverside City',
    kind: 'city',
    parentId: 'northern-province',
    ownership: 'state',
    sector: 'Administration',
    class: null,
    region: 'Riverside',
  }),
  unit({
    id: 'eastfield-county',
    name: 'Eastfield County',
    kind: 'county',
    parentId: 'northern-province',
    ownership: 'state',
    sector: 'Administration',
    class: null,
    region: 'Eastfield',
  }),
  unit({
    id: 'harbour-county',
    name: 'Harbour County',
    kind: 'county',
    parentId: 'northern-province',
    ownership: 'state',
    sector: 'Administration',
    class: null,
    region: 'Harbour',
  }),
  unit({
    id: 'hillside-county',
    name: 'Hillside County',
    kind: 'county',
    parentId: 'northern-province',
    ownership: 'state',
    sector: 'Administration',
    class: null,
    region: 'Hillside',
  }),
  unit({
    id: 'riverside-steel',
    name: 'Riverside Steel Works',
    kind: 'enterprise',
    parentId: 'riverside-city',
    ownership: 'state',
    sector: 'Metallurgy',
    class: '1st class',
    region: 'Riverside',
  }),
  unit({
    id: 'coal-mine-3',
    name: 'Northern Coal Mine No. 3',
    kind: 'enterprise',
    parentId: 'eastfield-county',
    ownership: 'state',
    sector: 'Mining',
    class: '1st class',
    region: 'Eastfield',
  }),
  unit({
    id: 'eastfield-cement',
    name: 'Eastfield Cement Plant',
    kind: 'enterprise',
    parentId: 'eastfield-county',
    ownership: 'state',
    sector: 'Building materials',
    class: '2nd class',
    region: 'Eastfield',
  }),
  unit({
    id: 'greenvale-textiles',
    name: 'Greenvale Textiles',
    kind: 'enterprise',
    parentId: 'riverside-city',
    ownership: 'private',
    sector: 'Light industry',
    class: '2nd class',
    region: 'Riverside',
  }),
  unit({
    id: 'sunrise-foods',
    name: 'Sunrise Food Processing',
    kind: 'enterprise',
    parentId: 'harbour-county',
    ownership: 'joint',
    sector: 'Food',
    class: '3rd class',
    region: 'Harbour',
  }),
  unit({
    id: 'harbour-fisheries',
    name: 'Harbour Fisheries Cooperative',
    kind: 'enterprise',
    parentId: 'harbour-county',
    ownership: 'cooperative',
    sector: 'Fisheries',
    class: '2nd class',
    region: 'Harbour',
  }),
  unit({
    id: 'hillside-agriculture',
    name: 'Hillside Agriculture Department',
    kind: 'department',
    parentId: 'hillside-county',
    ownership: 'state',
    sector: 'Agriculture',
    class: null,
    region: 'Hillside',
  }),
  unit({
    id: 'provincial-transport',
    name: 'Provincial Transport Department',
    kind: 'department',
    parentId: 'northern-province',
    ownership: 'state',
    sector: 'Transport',
    class: null,
    region: 'Northern Province',
  }),
];

const figure = (
  id: string,
  name: string,
  measure: string,
  planned: number,
  reported: number,
  options: { isProduction?: boolean; previous?: number; partOf?: string; direction?: IndicatorDirection } = {},
): Indicator => ({
  id,
  name,
  measure,
  planned,
  reported,
  weight: options.isProduction ? 2 : 1,
  isProduction: options.isProduction ?? false,
  previous: options.previous ?? null,
  partOf: options.partOf ?? null,
  ...(options.direction ? { direction: options.direction } : {}),
});
const production = { isProduction: true };
/** A cost or a loss: its plan is a ceiling. */
const ceiling = { direction: 'lower-is-better' } as const;

/** Each presenting unit's Q1 report: production first, then supporting indicators. */
export const demoReports: { unitId: string; indicators: Indicator[]; note: string | null }[] = [
  {
    unitId: 'riverside-steel',
    indicators: [
      figure('steel', 'Crude steel', 't', 120_000, 118_000, { ...production, previous: 112_000 }),
      figure('rolled', 'Rolled products', 't', 90_000, 84_500),
      figure('deliveries', 'Deliveries under state orders', '%', 100, 96),
    ],
    note: 'Blast furnace 2 relined in February.',
  },
  {
    unitId: 'coal-mine-3',
    indicators: [
      figure('coal', 'Coal extracted', 't', 450_000, 280_000, { ...production, previous: 262_000 }),
      figure('coal-open-pit', 'of which open pit', 't', 150_000, 110_000, { partOf: 'coal' }),
      figure('coal-shaft', 'of which shafts', 't', 300_000, 195_000, { partOf: 'coal' }),
      figure('face-metres', 'Face advance', 'm', 3_600, 2_150),
    ],
    note: 'Flooding in shaft B from 3 to 24 February.',
  },
  {
    unitId: 'eastfield-cement',
    indicators: [
      figure('cement', 'Cement', 't', 80_000, 52_000, { ...production, previous: 61_000 }),
      figure('clinker', 'Clinker', 't', 70_000, 49_000),
      figure('fuel', 'Fuel per tonne', 'kg', 120, 131, ceiling),
    ],
    note: null,
  },
  {
    unitId: 'greenvale-textiles',
    indicators: [
      figure('fabric', 'Fabric', 'thousand m', 2_400, 2_600, { ...production, previous: 2_350 }),
      figure('exports', 'Export earnings', 'thousand $', 1_800, 1_950),
    ],
    note: null,
  },
  {
    unitId: 'sunrise-foods',
    indicators: [
      figure('processed', 'Processed food', 't', 15_000, 16_200, { ...production, previous: 9_800 }),
      figure('cans', 'Canned goods', 'thousand cans', 4_000, 4_000),
    ],
    note: null,
  },
  {
    unitId: 'harbour-fisheries',
    indicators: [
      figure('catch', 'Catch landed', 't', 9_000, 9_000, { ...production, previous: 8_700 }),
      figure('boats', 'Boats in service', 'boats', 120, 120),
    ],
    note: 'Every figure exactly on plan.',
  },
  {
    unitId: 'hillside-agriculture',
    indicators: [
      figure('grain', 'Grain procured', 't', 64_000, 50_000, { ...production, previous: 38_000 }),
      figure('fertiliser', 'Fertiliser delivered', 't', 5_200, 3_900),
    ],
    note: 'Fertiliser arrived six weeks late.',
  },
  {
    unitId: 'provincial-transport',
    indicators: [
      figure('freight', 'Freight carried', 'thousand t·km', 1_200, 1_050, { ...production, previous: 1_010 }),
      figure('on-time', 'Trains on time', '%', 95, 88),
    ],
    note: null,
  },
];

/** What the inspectors verified before the review: the fisheries' catch was overstated. */
export const demoVerifications = [
  {
    unitId: 'harbour-fisheries',
    indicatorId: 'catch',
    verified: 7_400,
    finding: 'Landing books at two of five harbours show 1,600 t less than reported.',
    evidence: 'Inspection of landing books, 2–4 April.',
  },
  {
    unitId: 'riverside-steel',
    indicatorId: 'steel',
    verified: 117_600,
    finding: 'Confirmed against the weighbridge records.',
    evidence: null,
  },
];

/** Q4 reports of the units warned then. */
export const demoPreviousReports: { unitId: string; indicators: Indicator[]; note: string | null }[] = [
  {
    unitId: 'coal-mine-3',
    indicators: [figure('coal', 'Coal extracted', 't', 440_000, 262_000, production)],
    note: null,
  },
  {
    unitId: 'hillside-agriculture',
    indicators: [figure('grain', 'Grain procured', 't', 60_000, 38_000, production)],
    note: null,
  },
  { unitId: 'eastfield-cement', indicators: [figure('cement', 'Cement', 't', 75_000, 61_000, production)], note: null },
];

/** The Q4 agenda: each unit that reported then, in turn. */
export const demoPreviousAgenda: { dayId: string; unitId: string; topic: string; plannedMinutes: number }[] =
  demoPreviousReports.map(({ unitId }) => ({
    dayId: 'q4-day-1',
    unitId,
    topic: `${demoUnits.find((u) => u.id === unitId)!.name} — plan and results`,
    plannedMinutes: 20,
  }));

/** The agenda: an opening topic, then each unit in turn, spread over the three days. */
export const demoAgenda: { dayId: string; unitId: string | null; topic: string; plannedMinutes: number }[] = [
  { dayId: 'day-1', unitId: null, topic: 'Opening: the province plan and the review procedure', plannedMinutes: 15 },
  { dayId: 'day-1', unitId: 'riverside-steel', topic: 'Riverside Steel Works — plan and results', plannedMinutes: 20 },
  { dayId: 'day-1', unitId: 'coal-mine-3', topic: 'Northern Coal Mine No. 3 — plan and results', plannedMinutes: 20 },
  {
    dayId: 'day-1',
    unitId: 'eastfield-cement',
    topic: 'Eastfield Cement Plant — plan and results',
    plannedMinutes: 20,
  },
  { dayId: 'day-2', unitId: 'greenvale-textiles', topic: 'Greenvale Textiles — plan and results', plannedMinutes: 15 },
  { dayId: 'day-2', unitId: 'sunrise-foods', topic: 'Sunrise Food Processing — plan and results', plannedMinutes: 15 },
  {
    dayId: 'day-2',
    unitId: 'harbour-fisheries',
    topic: 'Harbour Fisheries Cooperative — plan and results',
    plannedMinutes: 15,
  },
  {
    dayId: 'day-3',
    unitId: 'hillside-agriculture',
    topic: 'Hillside Agriculture Department — plan and results',
    plannedMinutes: 20,
  },
  {
    dayId: 'day-3',
    unitId: 'provincial-transport',
    topic: 'Provincial Transport Department — plan and results',
    plannedMinutes: 20,
  },
];

/**
 * One invitation per role, whose links the banner prints; the presenter speaks for the cement
 * plant (under 70 % of plan). Every other presenting unit gets a presenter of its own too
 * ({@link demoPresenterName}), whose link is issued from the session's invitations.
 */
export const demoInvitees: { name: string; role: Role; unitId: string | null }[] = [
  { name: 'Presenter — Eastfield Cement Plant', role: 'presenter', unitId: 'eastfield-cement' },
  { name: 'Official — Provincial Planning Commission', role: 'official', unitId: null },
  { name: 'Inspector — State Inspection Office', role: 'inspector', unitId: null },
  { name: 'Big screen — Hall A', role: 'observer', unitId: null },
];

export const demoChairName = 'Chair — Northern Province Committee';

/** The name of the presenter the demo invites for a unit presenting on its agenda. */
export const demoPresenterName = (unit: OrganisationUnit): string => `Presenter — ${unit.name}`;
