import {
  defaultThresholds,
  emptySessionState,
  foldEvents,
  newEvent,
  type OrganisationUnit,
  type SessionState,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { dayDateIssue, manualClock, refusal, sequentialIds } from '../test/demoWorld.js';
import { CascadeService, type CascadeRequest } from './cascadeService.js';
import type { CommandService } from './commandService.js';
import type { SessionService } from './sessionService.js';

const unit = (id: string, parentId: string | null): OrganisationUnit => ({
  id,
  name: `Unit ${id}`,
  kind: 'enterprise',
  parentId,
  ownership: 'state',
  sector: 'Industry',
  class: null,
  region: 'North',
});

const at = '2026-04-13T09:00:00.000Z';

/** The centre's closed review of the centre, a province and the province's mine. */
const closedReview: SessionState = foldEvents(
  emptySessionState('centre-q1'),
  [
    newEvent('session:created', {
      title: 'Q1 review',
      period: '2026-Q1',
      organisation: 'Centre',
      days: [{ id: 'd1', date: '2026-04-13', title: 'Day 1' }],
      thresholds: defaultThresholds,
      conferenceLink: null,
      createdAt: at,
      organiserUnitId: 'centre',
      previousSessionId: null,
    }),
    ...[unit('centre', null), unit('province', 'centre'), unit('mine', 'province')].map((u) =>
      newEvent('unit:added', { unit: u }),
    ),
    newEvent('session:closed', { at }),
  ].map((event, i) => ({ ...event, seq: i + 1, sessionId: 'centre-q1', at, actorId: 'system' })),
);

/**
 * The cascade over the closed review; `convened` is the follow-up's state when it exists already.
 * The stores behind it are not reached: every refusal comes before anything is appended.
 */
function cascadeOver(convened: SessionState = emptySessionState('follow-up')) {
  const commands = {
    read: <T>(_sessionId: string, view: (state: SessionState) => T) => Promise.resolve(view(closedReview)),
    appendSystem: (_sessionId: string, _actorId: string, decide: (state: SessionState) => unknown) =>
      Promise.resolve(decide(convened)),
  } as unknown as CommandService;
  return new CascadeService({
    commands,
    sessions: {} as SessionService,
    clock: manualClock().clock,
    ids: sequentialIds(),
    published: () => undefined,
    directory: { digests: () => Promise.resolve([]) },
  });
}

const request = (unitId: string): CascadeRequest => ({
  unitId,
  title: 'Follow-up',
  days: [{ id: 'f1', date: '2026-04-20', title: 'Day 1' }],
  thresholds: defaultThresholds,
  conferenceLink: null,
  chairName: 'Chair',
  chairEmail: null,
});

describe('CascadeService refusals name the level with a reason a screen words', () => {
  test('an unknown unit, the level that convened the review, a level with no units below', async () => {
    const service = cascadeOver();
    expect((await refusal(service.convene('centre-q1', request('nowhere')))).issues).toEqual([
      { path: 'unitId', message: 'unknown unit', reason: { code: 'unknown-unit' } },
    ]);
    expect((await refusal(service.convene('centre-q1', request('centre')))).issues).toEqual([
      { path: 'unitId', message: 'not a level below', reason: { code: 'level-convened-review' } },
    ]);
    expect((await refusal(service.convene('centre-q1', request('mine')))).issues).toEqual([
      { path: 'unitId', message: 'no units below', reason: { code: 'no-units-below' } },
    ]);
  });

  test('a follow-up convened already names the session it is', async () => {
    const refused = await refusal(cascadeOver(closedReview).convene('centre-q1', request('province')));
    expect(refused.issues).toEqual([
      {
        path: 'unitId',
        message: 'follow-up already convened: follow-up_centre-q1_province',
        reason: { code: 'follow-up-convened', sessionId: 'follow-up_centre-q1_province' },
      },
    ]);
  });
});

describe('CascadeService.convene refuses days as the administrator’s convening does', () => {
  test('a day before today, or not after the day ahead of it, is refused on its date; a day of today is not', async () => {
    // 09:00 on 13 April in UTC is still the 12th where the day is furthest behind (UTC−12).
    const days = (...dates: string[]) => dates.map((date, i) => ({ id: `f${i + 1}`, date, title: `Day ${i + 1}` }));
    const error = await refusal(
      cascadeOver().convene('centre-q1', {
        ...request('province'),
        days: days('2026-04-11', '2026-04-20', '2026-04-20'),
      }),
    );
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.issues).toEqual([
      dayDateIssue('days.0.date', 'day-before-today', '2026-04-12'),
      dayDateIssue('days.2.date', 'day-not-after-previous', '2026-04-20'),
    ]);
    // Only the day check: the follow-up convened already is refused for its own reason.
    expect(
      (
        await refusal(
          cascadeOver(closedReview).convene('centre-q1', { ...request('province'), days: days('2026-04-12') }),
        )
      ).issues?.[0]?.reason,
    ).toEqual({ code: 'follow-up-convened', sessionId: 'follow-up_centre-q1_province' });
  });
});
