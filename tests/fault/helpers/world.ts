import { join } from 'node:path';
import { createApp, createLogger, demoData, ensureDemo, SqliteStore } from '@plenum/server';
import { newEvent, type Participant, type Role } from '@plenum/shared';

/** A participant of the seeded world and the token of its invitation. */
export interface Member {
  participant: Participant;
  token: string;
}

/** A data folder holding the demo review plus extra participants, ready for a server process. */
export interface World {
  dataDir: string;
  file: string;
  sessionId: string;
  /** Every participant, the demo's first (one per role), then the extra ones in order. */
  members: Member[];
  byRole(role: Role): Member[];
}

/**
 * Seeds `dataDir/plenum.sqlite` in this process (the demo review, its first day open, and
 * `extra` more participants), then closes it, so that server processes started with DEMO=false
 * find the same tokens valid on every start.
 */
export async function seedWorld(
  dataDir: string,
  extra: { role: Role; unitId?: string | null; count: number }[],
  options: { floorOpenOn?: string; criticisms?: number } = {},
): Promise<World> {
  const file = join(dataDir, 'plenum.sqlite');
  const store = new SqliteStore(file);
  const app = createApp({ store, logger: createLogger({ level: 'silent' }), publicUrl: 'http://plenum.test' });
  try {
    const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
    const members: Member[] = demo.invitations.map(({ participant, token }) => ({ participant, token }));
    for (const { role, unitId = null, count } of extra) {
      for (let i = 0; i < count; i++) {
        const invited = await app.sessions.invite(demo.sessionId, { name: `${role} ${i + 1}`, role, unitId });
        members.push({ participant: invited.participant, token: invited.token });
      }
    }
    if (options.floorOpenOn) {
      const chair = members.find((m) => m.participant.role === 'chair')!.participant;
      const itemId = options.floorOpenOn;
      await app.commands.execute(chair, demo.sessionId, `seed-start-${itemId}`, {
        type: 'agenda:start-item',
        payload: { itemId },
      });
      await app.commands.execute(chair, demo.sessionId, `seed-open-${itemId}`, {
        type: 'agenda:open-floor',
        payload: { itemId },
      });
    }
    // A long log, appended in batches of 500 (one transaction each), for catch-up to page through.
    const official = members.find((m) => m.participant.role === 'official')!.participant;
    for (let done = 0; done < (options.criticisms ?? 0); done += 500) {
      await app.commands.appendSystem(demo.sessionId, official.id, () =>
        Array.from({ length: Math.min(500, options.criticisms! - done) }, (_, i) =>
          newEvent('criticism:posted', {
            itemId: 'item-2',
            category: 'shortfall',
            severity: 'low',
            indicatorId: null,
            text: `Seeded point ${done + i}`,
            criticismId: `seeded-${done + i}`,
            unitId: 'riverside-steel',
          }),
        ),
      );
    }
    return {
      dataDir,
      file,
      sessionId: demo.sessionId,
      members,
      byRole: (role) => members.filter((m) => m.participant.role === role),
    };
  } finally {
    await app.close();
    await store.close();
  }
}

/** The demo's units that report (enterprises), for presenters and figure updates. */
export const reportingUnits = demoData.demoReports.map((r) => r.unitId);
