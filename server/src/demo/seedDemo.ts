import {
  itemKind,
  kindNeedsUnit,
  newEvent,
  type AgendaItemDefinition,
  type Command,
  type Participant,
  type SessionState,
} from '@plenum/shared';
import { organisationSetting } from '../domain/adminService.js';
import type { CommandService } from '../domain/commandService.js';
import { OrganisationService } from '../domain/organisationService.js';
import type { IdGenerator, SettingsStore } from '../domain/ports.js';
import type { InviteeSpec, SessionService } from '../domain/sessionService.js';
import {
  demoAgenda,
  demoChairName,
  demoInvitees,
  demoPresenterName,
  demoPreviousAgenda,
  demoPreviousReports,
  demoPreviousSession,
  demoReports,
  demoSession,
  demoUnits,
  demoVerifications,
} from './demoData.js';

/** The demo organisation, whose register the demo's sessions are convened from. */
export const demoOrganisationId = demoSession.organiserUnitId!;

/** Set once the demo is completely seeded; its value is the demo session's id. */
const demoSetting = 'demo.sessionId';

/**
 * The demo's two sessions have fixed ids, so that a seeding cut short (the process killed
 * half-way) is found by the next start and finished there, never begun again beside it.
 */
export const demoSessionIds = { previous: 'demo-2025-q4', current: 'demo-2026-q1' } as const;

/** A demo participant and the token of its fresh invite link. */
export interface DemoInvitation {
  participant: Participant;
  token: string;
}

interface SeedDeps {
  sessions: SessionService;
  commands: CommandService;
  settings: SettingsStore;
  ids: IdGenerator;
  /**
   * Test-only: called after each step of the seeding that appended (or would have appended)
   * to the log, so that a test can stop the process between any two of them.
   */
  afterSeedStep?: (step: number) => void | Promise<void>;
}

/** What a start finds or makes of the demo. */
export interface DemoStart {
  sessionId: string;
  /** Fresh links of the demo's own participants: at the first seeding, or when asked for. */
  invitations: DemoInvitation[];
  /** True when this start seeded the demo (or finished a seeding cut short). */
  seeded: boolean;
}

/** The seeding's steps, each of which may already be done by a start that was cut short. */
class Seeding {
  private step = 0;
  private readonly organisations: OrganisationService;
  constructor(private readonly deps: SeedDeps) {
    this.organisations = new OrganisationService(deps.commands);
  }

  /** Marks the end of one step, for the test hook. */
  async done(): Promise<void> {
    await this.deps.afterSeedStep?.(++this.step);
  }

  /**
   * Makes the demo organisation the deployment's and imports its units into the register
   * (a repeated import changes nothing).
   */
  async register(): Promise<void> {
    await this.deps.settings.setSetting(organisationSetting, demoOrganisationId);
    await this.organisations.importUnits(demoOrganisationId, demoUnits, 'system');
    await this.done();
  }

  /**
   * Creates the session from the register unless it exists, and invites its chair unless
   * invited; returns the chair.
   */
  async convene(sessionId: string, definition: Parameters<SessionService['createSession']>[0]): Promise<Participant> {
    const state = await this.deps.commands.state(sessionId);
    if (!state.definition) {
      const units = await this.organisations.units(demoOrganisationId);
      const { chair } = await this.deps.sessions.createSession(definition, units, demoChairName, sessionId);
      await this.done();
      return chair.participant;
    }
    return this.invited(sessionId, { name: demoChairName, role: 'chair', unitId: null });
  }

  /** The participant `spec` describes, invited now unless a start cut short already did. */
  async invited(sessionId: string, spec: InviteeSpec): Promise<Participant> {
    const state = await this.deps.commands.state(sessionId);
    const known = Object.values(state.participants).find((p) => isSpec(p, spec));
    if (known) return known;
    const { participant } = await this.deps.sessions.invite(sessionId, spec);
    await this.done();
    return participant;
  }

  /**
   * Adds agenda items with fixed ids (`<prefix>-1` …) so that docs and tests can name them,
   * after the items already on each day (the carried-over second reviews).
   */
  async agenda(sessionId: string, prefix: string, items: readonly Omit<AgendaItemDefinition, 'id'>[]): Promise<void> {
    await this.deps.commands.appendSystem(sessionId, 'system', (state) => {
      if (state.agenda[`${prefix}-1`]) return [];
      const perDay = new Map<string, number>();
      for (const item of Object.values(state.agenda)) perDay.set(item.dayId, (perDay.get(item.dayId) ?? 0) + 1);
      const openingsPerDay = new Map<string, number>();
      return items.flatMap((item, i) => {
        const order = perDay.get(item.dayId) ?? 0;
        perDay.set(item.dayId, order + 1);
        const id = `${prefix}-${i + 1}`;
        const added = newEvent('agenda:item-added', { item: { ...item, id }, order });
        if (item.kind !== 'opening') return [added];
        // The opening comes before the second reviews that convening put first on the day.
        const position = openingsPerDay.get(item.dayId) ?? 0;
        openingsPerDay.set(item.dayId, position + 1);
        return [added, newEvent('agenda:item-moved', { itemId: id, toDayId: item.dayId, position })];
      });
    });
    await this.done();
  }

  /**
   * Invites a presenter for every unit presenting on the agenda that has none yet, as the
   * notice requires: "Presenter — <unit name>".
   */
  async presenters(sessionId: string): Promise<void> {
    const state = await this.deps.commands.state(sessionId);
    const units = new Set<string>();
    for (const id of state.agendaOrder) {
      const item = state.agenda[id]!;
      if (item.unitId !== null && kindNeedsUnit(itemKind(item))) units.add(item.unitId);
    }
    for (const unitId of units) {
      const presented = Object.values(state.participants).some((p) => p.role === 'presenter' && p.unitId === unitId);
      if (!presented) {
        await this.invited(sessionId, { name: demoPresenterName(state.units[unitId]!), role: 'presenter', unitId });
      }
    }
  }

  /**
   * Runs commands through the real pipeline, as a participant would, under fixed command ids
   * (`seed-<label>-<n>`): a command that a start cut short already ran is answered from the log
   * and appends nothing (P2).
   */
  runner(sessionId: string, label: string) {
    let n = 0;
    return async (actor: Participant, command: Command) => {
      const outcome = await this.deps.commands.execute(actor, sessionId, `seed-${label}-${++n}`, command);
      await this.done();
      return outcome;
    };
  }
}

function isSpec(participant: Participant, spec: InviteeSpec): boolean {
  return participant.name === spec.name && participant.role === spec.role && participant.unitId === spec.unitId;
}

/** The closed Q4 review: two units warned, one explanation filed and waiting at the county. */
async function seedPreviousQuarter(seeding: Seeding, deps: SeedDeps): Promise<void> {
  const sessionId = demoSessionIds.previous;
  const chair = await seeding.convene(sessionId, demoPreviousSession);
  await seeding.agenda(
    sessionId,
    'q4-item',
    demoPreviousAgenda.map((item) => ({ ...item, warningId: null, kind: 'report' as const })),
  );
  await seeding.presenters(sessionId);
  const run = seeding.runner(sessionId, 'q4');
  await run(chair, { type: 'session:publish-notice', payload: { noticeDate: '2026-01-05' } });
  for (const report of demoPreviousReports) await run(chair, { type: 'report:submit', payload: report });
  await run(chair, { type: 'day:open', payload: { dayId: 'q4-day-1' } });
  const title = 'Explain the fourth-quarter coal shortfall';
  // Recorded as issued on the Q4 day: its due date is past by now, which a live issue refuses.
  await deps.commands.appendSystem(sessionId, chair.id, (state) =>
    Object.values(state.directives).some((d) => d.title === title)
      ? []
      : [
          newEvent('directive:issued', {
            directiveId: deps.ids.next(),
            kind: 'explain-failure',
            assigneeUnitId: 'coal-mine-3',
            title,
            text: 'Report the causes of the shortfall up the line, county by county.',
            dueDate: '2026-02-15',
            fromCriticismId: null,
            orderedByUnitId: demoPreviousSession.organiserUnitId,
            itemId: null,
          }),
        ],
  );
  await seeding.done();
  // From the state, not the answer: a repeated append's answer carries no events.
  const directiveId = await deps.commands.read(
    sessionId,
    (state) => Object.values(state.directives).find((d) => d.title === title)!.id,
  );
  await run(chair, { type: 'directive:acknowledge', payload: { directiveId } });
  await run(chair, {
    type: 'directive:answer',
    payload: { directiveId, text: 'Pumps in shaft B failed in November; spare parts were not delivered.' },
  });
  await run(chair, { type: 'warning:issue', payload: { unitId: 'coal-mine-3', note: 'Coal at 60 % of plan.' } });
  await run(chair, { type: 'warning:issue', payload: { unitId: 'hillside-agriculture', note: null } });
  await run(chair, { type: 'session:close', payload: {} });
}

/** The Q1 review, noticed and with its first day open, following the Q4 review. */
async function seedCurrentQuarter(seeding: Seeding, deps: SeedDeps): Promise<void> {
  const sessionId = demoSessionIds.current;
  const chair = await seeding.convene(sessionId, { ...demoSession, previousSessionId: demoSessionIds.previous });
  await deps.commands.appendSystem(sessionId, 'system', (state) =>
    Object.keys(state.reports).length > 0 ? [] : demoReports.map((report) => newEvent('report:submitted', report)),
  );
  await seeding.done();
  await seeding.agenda(
    sessionId,
    'item',
    demoAgenda.map((item) => ({
      ...item,
      warningId: null,
      kind: item.unitId ? ('report' as const) : ('opening' as const),
    })),
  );
  const invitees: Participant[] = [];
  for (const invitee of demoInvitees) invitees.push(await seeding.invited(sessionId, invitee));
  await seeding.presenters(sessionId);
  const inspector = invitees.find((p) => p.role === 'inspector')!;
  const run = seeding.runner(sessionId, 'q1');
  await run(chair, { type: 'session:publish-notice', payload: { noticeDate: '2026-03-30' } });
  for (const verification of demoVerifications) await run(inspector, { type: 'report:verify', payload: verification });
  await run(chair, { type: 'day:open', payload: { dayId: 'day-1' } });
}

/**
 * New links for the demo's own participants (its chair and the invitees of `demoData`): their
 * earlier links stop working. Participants a chair invited are left alone, links and all.
 */
async function reissueDemoLinks(deps: SeedDeps, sessionId: string): Promise<DemoInvitation[]> {
  const state: SessionState = await deps.commands.state(sessionId);
  const own = [{ name: demoChairName, role: 'chair' as const, unitId: null }, ...demoInvitees];
  const participants = Object.values(state.participants).filter((p) => own.some((spec) => isSpec(p, spec)));
  return Promise.all(participants.map((p) => deps.sessions.reissue(sessionId, p)));
}

/**
 * Makes sure the demo review exists. The demo is a province's Q1 review, noticed and with its
 * first day open, following a closed Q4 review whose warnings and explanation carry over.
 * Tokens are stored only as hashes, so links can be shown only when they are issued: the
 * start that seeds the demo returns its participants' links, and a later start returns none
 * (every link stays valid) unless `reissueLinks`, which gives the demo's own participants new
 * links and ends their old ones. A seeding cut short is finished by the next start.
 */
export async function ensureDemo(deps: SeedDeps, options: { reissueLinks?: boolean } = {}): Promise<DemoStart> {
  const existing = await deps.settings.getSetting(demoSetting);
  if (existing) {
    const invitations = options.reissueLinks ? await reissueDemoLinks(deps, existing) : [];
    return { sessionId: existing, invitations, seeded: false };
  }
  const seeding = new Seeding(deps);
  await seeding.register();
  await seedPreviousQuarter(seeding, deps);
  await seedCurrentQuarter(seeding, deps);
  // Invitations issued by a start cut short were never shown: every demo link is issued here.
  const invitations = await reissueDemoLinks(deps, demoSessionIds.current);
  await deps.settings.setSetting(demoSetting, demoSessionIds.current);
  return { sessionId: demoSessionIds.current, invitations, seeded: true };
}
