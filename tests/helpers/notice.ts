import type { App } from '@plenum/server';
import { noticeProblems, type CommandInput } from '@plenum/shared';

/**
 * Fixes what would stop the session's notice dated `noticeDate` (`noticeProblems`): a topic on
 * each day without items (sent with `run`, as the chair) and a presenter invited for each
 * presenting unit without one. Tests of other rules publish notices for sessions the
 * organisation convened bare; this makes them ready the way a chair would.
 */
export async function readyForNotice(
  app: App,
  sessionId: string,
  noticeDate: string,
  run: (command: CommandInput) => Promise<unknown>,
): Promise<void> {
  for (const problem of noticeProblems(await app.commands.state(sessionId), noticeDate)) {
    if (problem.problem === 'day-without-items') {
      await run({
        type: 'agenda:add-item',
        payload: { dayId: problem.dayId, unitId: null, topic: 'Opening of the day', plannedMinutes: 10 },
      });
    } else if (problem.problem === 'unit-without-presenter') {
      await app.sessions.invite(sessionId, {
        name: `Presenter of ${problem.unitId}`,
        role: 'presenter',
        unitId: problem.unitId,
      });
    }
  }
}
