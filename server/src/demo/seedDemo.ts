import { newEvent, type Participant } from '@plenum/shared';
import type { CommandService } from '../domain/commandService.js';
import type { SettingsStore } from '../domain/ports.js';
import type { SessionService } from '../domain/sessionService.js';
import { demoAgenda, demoChairName, demoInvitees, demoReports, demoSession, demoUnits } from './demoData.js';

const demoSetting = 'demo.sessionId';

/** A demo participant and the token of its fresh invite link. */
export interface DemoInvitation {
  participant: Participant;
  token: string;
}

/**
 * Makes sure the demo review exists and returns one fresh invite link per participant. Tokens
 * are stored only as hashes, so the links of an earlier start cannot be shown again: on every
 * start the demo's invitations are reissued and the old links stop working.
 */
export async function ensureDemo(deps: {
  sessions: SessionService;
  commands: CommandService;
  settings: SettingsStore;
}): Promise<{ sessionId: string; invitations: DemoInvitation[] }> {
  const existing = await deps.settings.getSetting(demoSetting);
  if (existing) {
    const state = await deps.commands.state(existing);
    const invitations = await Promise.all(
      Object.values(state.participants).map((participant) => deps.sessions.reissue(existing, participant)),
    );
    return { sessionId: existing, invitations };
  }
  const { sessionId, chair } = await deps.sessions.createSession(demoSession, demoUnits, demoChairName);
  await deps.commands.appendSystem(sessionId, 'system', () => [
    ...demoReports.map((report) => newEvent('report:submitted', report)),
    ...demoAgenda.map((item, i) =>
      newEvent('agenda:item-added', {
        item: { ...item, id: `item-${i + 1}` },
        order: demoAgenda.slice(0, i).filter((other) => other.dayId === item.dayId).length,
      }),
    ),
  ]);
  const invitations = [chair];
  for (const invitee of demoInvitees) invitations.push(await deps.sessions.invite(sessionId, invitee));
  await deps.settings.setSetting(demoSetting, sessionId);
  return { sessionId, invitations };
}
