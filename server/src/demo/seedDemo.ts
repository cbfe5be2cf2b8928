import { newEvent, type Command, type Participant, type SessionState } from '@plenum/shared';
import type { CommandService } from '../domain/commandService.js';
import type { IdGenerator, SettingsStore } from '../domain/ports.js';
import type { SessionService } from '../domain/sessionService.js';
import {
  demoAgenda,
  demoChairName,
  demoInvitees,
  demoPreviousReports,
  demoPreviousSession,
  demoReports,
  demoSession,
  demoUnits,
  demoVerifications,
} from './demoData.js';

const demoSetting = 'demo.sessionId';

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
}

/** Runs commands through the real pipeline, as a participant would. */
function runner(deps: SeedDeps, sessionId: string, actor: Participant) {
  return async (command: Command) => deps.commands.execute(actor, sessionId, `seed-${deps.ids.next()}`, command);
}

/** The closed Q4 review: two units warned, one explanation filed and waiting at the county. */
async function seedPreviousQuarter(deps: SeedDeps): Promise<string> {
  const { sessionId, chair } = await deps.sessions.createSession(demoPreviousSession, demoUnits, demoChairName);
  const run = runner(deps, sessionId, chair.participant);
  await run({ type: 'session:publish-notice', payload: { noticeDate: '2026-01-05' } });
  for (const report of demoPreviousReports) await run({ type: 'report:submit', payload: report });
  await run({ type: 'day:open', payload: { dayId: 'q4-day-1' } });
  // Recorded as issued on the Q4 day: its due date is past by now, which a live issue refuses.
  const directiveId = deps.ids.next();
  await deps.commands.appendSystem(sessionId, chair.participant.id, () => [
    newEvent('directive:issued', {
      directiveId,
      kind: 'explain-failure',
      assigneeUnitId: 'coal-mine-3',
      title: 'Explain the fourth-quarter coal shortfall',
      text: 'Report the causes of the shortfall up the line, county by county.',
      dueDate: '2026-02-15',
      fromCriticismId: null,
      orderedByUnitId: demoPreviousSession.organiserUnitId,
      itemId: null,
    }),
  ]);
  await run({ type: 'directive:acknowledge', payload: { directiveId } });
  await run({
    type: 'directive:answer',
    payload: { directiveId, text: 'Pumps in shaft B failed in November; spare parts were not delivered.' },
  });
  await run({ type: 'warning:issue', payload: { unitId: 'coal-mine-3', note: 'Coal at 60 % of plan.' } });
  await run({ type: 'warning:issue', payload: { unitId: 'hillside-agriculture', note: null } });
  await run({ type: 'session:close', payload: {} });
  return sessionId;
}

/** Reads a session's state and reissues one invitation per participant. */
async function reissueAll(deps: SeedDeps, sessionId: string): Promise<DemoInvitation[]> {
  const state: SessionState = await deps.commands.state(sessionId);
  return Promise.all(Object.values(state.participants).map((p) => deps.sessions.reissue(sessionId, p)));
}

/**
 * Makes sure the demo review exists and returns one fresh invite link per participant. The
 * demo is a province's Q1 review, noticed and with its first day open, following a closed Q4
 * review whose warnings and explanation carry over. Tokens are stored only as hashes, so the
 * links of an earlier start cannot be shown again: on every start the demo's invitations are
 * reissued and the old links stop working.
 */
export async function ensureDemo(deps: SeedDeps): Promise<{ sessionId: string; invitations: DemoInvitation[] }> {
  const existing = await deps.settings.getSetting(demoSetting);
  if (existing) return { sessionId: existing, invitations: await reissueAll(deps, existing) };

  const previousSessionId = await seedPreviousQuarter(deps);
  const { sessionId, chair } = await deps.sessions.createSession(
    { ...demoSession, previousSessionId },
    demoUnits,
    demoChairName,
  );
  // Agenda items get fixed ids (item-1 …) so that docs and tests can name them.
  await deps.commands.appendSystem(sessionId, 'system', (state) => {
    const perDay = new Map<string, number>();
    for (const item of Object.values(state.agenda)) perDay.set(item.dayId, (perDay.get(item.dayId) ?? 0) + 1);
    return [
      ...demoReports.map((report) => newEvent('report:submitted', report)),
      ...demoAgenda.map((item, i) => {
        const order = perDay.get(item.dayId) ?? 0;
        perDay.set(item.dayId, order + 1);
        return newEvent('agenda:item-added', { item: { ...item, id: `item-${i + 1}`, warningId: null }, order });
      }),
    ];
  });
  const invitations = [chair];
  for (const invitee of demoInvitees) invitations.push(await deps.sessions.invite(sessionId, invitee));
  const inspector = invitations.find((i) => i.participant.role === 'inspector')!.participant;
  const run = runner(deps, sessionId, chair.participant);
  await run({ type: 'session:publish-notice', payload: { noticeDate: '2026-03-30' } });
  for (const verification of demoVerifications) {
    await runner(deps, sessionId, inspector)({ type: 'report:verify', payload: verification });
  }
  await run({ type: 'day:open', payload: { dayId: 'day-1' } });
  await deps.settings.setSetting(demoSetting, sessionId);
  return { sessionId, invitations };
}
