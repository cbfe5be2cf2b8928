import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { criticismsInOrder, foldEvents, periodFigures, type SessionEvent, type SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoSessionIds } from '../demo/seedDemo.js';
import { heldDemoWorld } from '../test/recordsMeeting.js';
import type { RecordsScope } from './access.js';
import { minutesMarkdown } from './minutes.js';

const fixtures = fileURLToPath(new URL('../../../tests/fixtures/records/', import.meta.url));

/** Compares with the golden file (named `.golden` so the formatter leaves it as written); `UPDATE_GOLDEN=1` rewrites it. */
async function expectGolden(name: string, text: string) {
  const path = `${fixtures}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(path, text);
  expect(text).toBe(await readFile(path, 'utf8'));
}

/** The demo meeting, held through its days, in its world of sessions. */
async function heldDemo() {
  const world = await heldDemoWorld();
  return world;
}

/** The state of the demo meeting, held. */
async function demoState() {
  const world = await heldDemo();
  return world.commands.state(world.sessionId);
}

/** The minutes of the demo meeting, with the fourth quarter before it for the streaks under the threshold. */
async function demoMinutes(lang: 'en' | 'ko') {
  const world = await heldDemo();
  const earlier = [periodFigures(await world.commands.state(demoSessionIds.previous))!];
  return minutesMarkdown(await world.commands.state(world.sessionId), chair(lang), null, earlier);
}

const chair = (lang: 'en' | 'ko'): RecordsScope => ({ role: 'chair', unitId: null, lang, dayId: null });

describe('minutes as Markdown', () => {
  test('the demo session in English matches its golden file', async () => {
    await expectGolden('demo-minutes.en.md.golden', await demoMinutes('en'));
  });

  test('the demo session in Korean matches its golden file', async () => {
    await expectGolden('demo-minutes.ko.md.golden', await demoMinutes('ko'));
  });

  test('an explanation relayed up from a lower level’s follow-up shows each level’s remarks, marked as relayed', async () => {
    const state = await demoState();
    const directive = Object.values(state.directives).find((d) => d.kind === 'explain-failure')!;
    const [unitId, parentId] = [directive.assigneeUnitId, state.units[directive.assigneeUnitId]!.parentId!];
    const relayed = foldEvents(state, [
      {
        seq: state.lastSeq + 1,
        sessionId: state.sessionId,
        at: '2026-04-20T09:00:00.000Z',
        actorId: 'system',
        type: 'directive:relayed',
        payload: {
          directiveId: directive.id,
          fromSessionId: 'follow-up',
          steps: [
            {
              action: 'answered',
              unitId,
              toUnitId: parentId,
              text: 'The pumps failed.',
              actorId: 'p-low',
              at: '2026-04-19T09:00:00.000Z',
              fromSessionId: 'follow-up',
            },
            {
              action: 'forwarded',
              unitId: parentId,
              toUnitId: 'northern-province',
              text: null,
              actorId: 'p-mid',
              at: '2026-04-19T10:00:00.000Z',
              fromSessionId: 'follow-up',
            },
          ],
          holderUnitId: 'northern-province',
        },
      },
    ]);
    const name = (id: string) => state.units[id]!.name;
    // Carried over, the explanation belongs to no item here: its words come under the directives.
    const en = sectionOf(minutesMarkdown(relayed, chair('en')), '### Answers to directives carried over');
    expect(en).toContain(
      '  Answered by p-low, 2026-04-19 09:00: The pumps failed. (in its own follow-up session, relayed up)',
    );
    expect(en).toContain(
      `  ${name(parentId)} passed it to Northern Province (p-mid, 2026-04-19 10:00): no remarks (in its own follow-up session`,
    );
    expect(unitId).toBe(directive.assigneeUnitId);
    expect(minutesMarkdown(relayed, chair('ko'))).toContain('### 이월되었거나 안건 밖에서 내린 지시에 대한 답변');
    // The demo's own answer, given in the earlier session, is not marked as relayed.
    const own = sectionOf(minutesMarkdown(state, chair('en')), '### Answers to directives carried over');
    expect(own).toContain(': Pumps in shaft B failed in November; spare parts were not delivered.\n');
  });

  test('a level’s follow-up lists the higher review’s warnings it takes up', async () => {
    const state = await demoState();
    const [unitId] = state.unitOrder;
    const cascaded = foldEvents(state, [
      {
        seq: state.lastSeq + 1,
        sessionId: state.sessionId,
        at: '2026-04-20T09:00:00.000Z',
        actorId: 'system',
        type: 'warning:cascaded',
        payload: {
          warning: {
            id: 'w-centre',
            unitId: unitId!,
            status: 'open',
            fulfilment: 0.6,
            threshold: 0.7,
            note: 'Under plan at the centre.',
            issuedAt: '2026-04-10T09:00:00.000Z',
            sessionId: 'centre-q1',
            period: '2026-Q1',
            decisionNote: null,
          },
          fromSessionId: 'centre-q1',
        },
      },
    ]);
    const en = minutesMarkdown(cascaded, chair('en'));
    expect(en).toContain('### Warnings of the higher review followed up here');
    expect(en).toContain('Under plan at the centre.');
    expect(minutesMarkdown(state, chair('en'))).not.toContain('Warnings of the higher review');
  });
});

/** The part of the minutes from the heading starting with `heading` to the next heading of its level or above. */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(heading)![0];
  const end = markdown.slice(start + heading.length).search(new RegExp(`\\n#{1,${level.length}} `));
  return end === -1 ? markdown.slice(start) : markdown.slice(start, start + heading.length + end);
}

describe('what was answered and said in the minutes', () => {
  /** The demo with an inspection answered and an explanation filed on two items, a speech and time given. */
  async function answered() {
    const state = await demoState();
    const unitId = (name: string) => Object.values(state.units).find((u) => u.name === name)!.id;
    const itemOf = (name: string) => Object.values(state.agenda).find((i) => i.unitId === unitId(name))!;
    const person = (role: string, unit?: string) =>
      Object.values(state.participants).find((p) => p.role === role && (unit === undefined || p.unitId === unit))!;
    const [steel, cement] = [itemOf('Riverside Steel Works'), itemOf('Eastfield Cement Plant')];
    const [inspector, official] = [person('inspector'), person('official')];
    const presenter = person('presenter', unitId('Eastfield Cement Plant'));
    let seq = state.lastSeq;
    const event = <T extends Parameters<typeof foldEvents>[1][number]>(
      e: Pick<T, 'type' | 'payload'> & { actorId?: string; at?: string },
    ) =>
      ({
        seq: ++seq,
        sessionId: state.sessionId,
        at: e.at ?? '2026-04-13T10:40:00.000Z',
        actorId: e.actorId ?? 'system',
        type: e.type,
        payload: e.payload,
      }) as T;
    const draft = { text: null, dueDate: '2026-04-30', fromCriticismId: null, orderedByUnitId: null };
    const next = foldEvents(state, [
      event({
        type: 'directive:issued',
        payload: {
          ...draft,
          directiveId: 'd-inspect',
          kind: 'inspection',
          assigneeUnitId: inspector.unitId!,
          subjectUnitId: steel.unitId,
          inspectorId: inspector.id,
          title: 'Inspect the rolling mill',
          itemId: steel.id,
        },
      }),
      event({
        type: 'directive:answered',
        actorId: inspector.id,
        payload: {
          directiveId: 'd-inspect',
          text: 'Rolled products overstated by 14,500 t; Shaft B flooding confirmed.',
        },
      }),
      event({
        type: 'directive:issued',
        payload: {
          ...draft,
          directiveId: 'd-explain',
          kind: 'explain-failure',
          assigneeUnitId: cement.unitId!,
          title: 'Explain the kiln stoppage',
          itemId: cement.id,
        },
      }),
      event({
        type: 'directive:answered',
        actorId: presenter.id,
        payload: { directiveId: 'd-explain', text: 'The kiln was down for three weeks.' },
      }),
      event({ type: 'agenda:time-extended', payload: { itemId: steel.id, minutes: 5 } }),
      event({
        type: 'floor:given',
        payload: { participantId: official.id, itemId: steel.id, at: '2026-04-13T08:27:10.000Z' },
      }),
      event({ type: 'floor:speech-ended', payload: { participantId: official.id, at: '2026-04-13T08:29:35.000Z' } }),
    ]);
    return { next, inspector, official, presenter };
  }

  test('an item lists its speeches, the time given, and each directive with who answered what and when', async () => {
    const { next, inspector, official, presenter } = await answered();
    const en = minutesMarkdown(next, chair('en'));
    const steel = sectionOf(en, '#### 4. Riverside Steel Works');
    expect(steel).toContain('Closed · started 2026-04-13 09:00 · closed 2026-04-13 09:00 · (+5 min given)');
    expect(steel).toContain(`##### Speeches\n\n- ${official.name}: 08:27–08:29 (2:25)`);
    expect(steel).toContain(
      `- **Inspect the rolling mill** · Inspection · Riverside Steel Works · assigned to ${inspector.name} · 2026-04-30 · Answered\\\n` +
        `  Answered by ${inspector.name}, 2026-04-13 10:40: Rolled products overstated by 14,500 t; Shaft B flooding confirmed.`,
    );
    // Filed, not yet passed up the line: the explanation is in the minutes all the same.
    expect(sectionOf(en, '#### 6. Eastfield Cement Plant')).toContain(
      `  Answered by ${presenter.name}, 2026-04-13 10:40: The kiln was down for three weeks.`,
    );
    const ko = sectionOf(minutesMarkdown(next, chair('ko')), '#### 4. Riverside Steel Works');
    expect(ko).toContain('(+5분 연장)');
    expect(ko).toContain(`##### 발언\n\n- ${official.name}: 08:27–08:29 (2:25)`);
    expect(ko).toContain(`  ${inspector.name} 답변, 2026-04-13 10:40: Rolled products overstated by 14,500 t`);
  });

  test('a verification’s finding, its figure and who made it are in the results', async () => {
    const en = sectionOf(minutesMarkdown(await demoState(), chair('en')), '### Riverside Steel Works');
    expect(en).toContain(
      '- **Rolled products: verified 70,000 t (reported 84,500 t)** — Inspector — State Inspection Office, 2026-04-13 09:00: Rolled products counted at dispatch include 14,500 t returned as defective.',
    );
  });

  test('a second review shows the fulfilment warned on and the figure now; a closed item reads “Closed”', async () => {
    const en = minutesMarkdown(await demoState(), chair('en'));
    expect(en).toContain('| Northern Coal Mine No. 3 | 2025-Q4 | 59.5% | 62.2% | Escalated |');
    expect(en).toContain('| 4 | Riverside Steel Works — plan and results | 20 min | Closed |');
    expect(en).not.toContain('Covered');
    const ko = minutesMarkdown(await demoState(), chair('ko'));
    expect(ko).toContain('| 4 | Riverside Steel Works — plan and results | 20분 | 종료 |');
    expect(ko).not.toContain('처리됨');
  });
});

describe('the days in the minutes', () => {
  test('the time column shows when a day in scope has hours; a day without them reads as not set', async () => {
    const state = await demoState();
    const hours = foldEvents(state, [
      {
        seq: state.lastSeq + 1,
        sessionId: state.sessionId,
        at: '2026-04-13T09:00:00.000Z',
        actorId: 'system',
        type: 'day:updated',
        payload: { id: 'day-2', title: 'Day 2 — light industry and food', startTime: '09:00', plannedEnd: '17:30' },
      },
    ]);
    const en = minutesMarkdown(hours, chair('en'));
    expect(en).toContain('| Day | Date | Theme | Time | Status |');
    expect(en).toContain('| 1 | 2026-04-13 | Day 1 — heavy industry | not set | Open |');
    expect(en).toContain('| 2 | 2026-04-14 | Day 2 — light industry and food | 09:00–17:30 | Scheduled |');
    expect(minutesMarkdown(hours, chair('ko'))).toMatch(/\| 1 \| 2026-04-13 \| [^|]+ \| 미정 \|/);
    // Scoped to a day without hours, the minutes have no time column, as the demo's have none.
    const dayOne = minutesMarkdown(hours, { ...chair('en'), dayId: 'day-1' });
    expect(dayOne).toContain('| Day | Date | Theme | Status |');
    expect(minutesMarkdown(state, chair('en'))).toContain('| Day | Date | Theme | Status |');
  });
});

describe('attendance in the minutes', () => {
  test('a day’s attendance: the roll call where taken, else a connection, and how many connected, as the minutes on screen say', async () => {
    const state = await demoState();
    const [chairId, officialId] = ['chair', 'official'].map(
      (role) => Object.values(state.participants).find((p) => p.role === role)!.id,
    );
    const connected = foldEvents(
      state,
      [chairId!, officialId!].map((participantId, i) => ({
        seq: state.lastSeq + 1 + i,
        sessionId: state.sessionId,
        at: '2026-04-14T09:00:00.000Z',
        actorId: 'system',
        type: 'attendance:connected' as const,
        payload: { dayId: 'day-2', participantId, at: '2026-04-14T09:00:00.000Z' },
      })),
    );
    const en = minutesMarkdown(connected, chair('en'));
    // Day 1 went by the roll call (two present, the inspector absent); nobody had connected.
    expect(sectionOf(en, '## Day 1')).toContain('\n2 of 11 participants present; 0 of 11 connected.\n');
    expect(sectionOf(en, '## Day 2')).toContain('\n2 of 11 participants present; 2 of 11 connected.\n');
    expect(sectionOf(minutesMarkdown(connected, chair('ko')), '## Day 2')).toContain(
      '\n참가자 11명 중 2명 출석, 2명 접속.\n',
    );
  });

  test('an item names as its presenters only those of its unit present on its day', async () => {
    const state = await demoState();
    const en = minutesMarkdown(state, chair('en'));
    // The coal mine's and the steel works' presenters never connected, and no roll call named them.
    expect(sectionOf(en, '#### 2. Second review: Northern Coal Mine No. 3')).not.toContain('Presenters:');
    expect(sectionOf(en, '#### 4. Riverside Steel Works')).not.toContain('Presenters:');
    const cement = '#### 6. Eastfield Cement Plant';
    expect(sectionOf(en, cement)).toContain('Presenters: Presenter — Eastfield Cement Plant');
    const presenter = Object.values(state.participants).find(
      (p) => p.role === 'presenter' && p.unitId === 'eastfield-cement',
    )!;
    const markedAbsent = foldEvents(state, [
      {
        seq: state.lastSeq + 1,
        sessionId: state.sessionId,
        at: '2026-04-13T12:00:00.000Z',
        actorId: 'system',
        type: 'attendance:recorded',
        payload: { dayId: 'day-1', participantId: presenter.id, present: false },
      },
    ]);
    expect(sectionOf(minutesMarkdown(markedAbsent, chair('en')), cement)).not.toContain('Presenters:');
  });
});

/** Folds events after the state's last, each at its own time (by the chair unless an actor is named). */
function after(state: SessionState, events: { type: string; payload: unknown; at: string; actorId?: string }[]) {
  return foldEvents(
    state,
    events.map(
      (e, i) =>
        ({
          seq: state.lastSeq + 1 + i,
          sessionId: state.sessionId,
          actorId: e.actorId ?? 'chair',
          ...e,
        }) as SessionEvent,
    ),
  );
}

describe('the record keeps what happened, not only the latest state', () => {
  test('a verification after the unit’s item closed leaves its figures as they stood and is marked; closed again, the item takes it', async () => {
    const state = await demoState();
    const steel = Object.values(state.units).find((u) => u.name === 'Riverside Steel Works')!.id;
    const rolled = state.reports[steel]!.indicators.find((i) => i.name === 'Rolled products')!;
    const inspector = Object.values(state.participants).find((p) => p.role === 'inspector')!;
    const item = Object.values(state.agenda).find((i) => i.unitId === steel)!;
    const later = after(state, [
      {
        type: 'report:verified',
        payload: { unitId: steel, indicatorId: rolled.id, verified: 65_000, finding: 'Recounted.', evidence: null },
        at: '2026-04-14T10:40:00.000Z',
        actorId: inspector.id,
      },
    ]);
    const results = sectionOf(minutesMarkdown(later, chair('en')), '### Riverside Steel Works');
    expect(results).toContain('| Rolled products | t | Higher is better | 90,000 | 84,500 | 70,000 | 77.8% |');
    expect(results).toContain(
      '- **Rolled products: verified 70,000 t (reported 84,500 t)** — Inspector — State Inspection Office, 2026-04-13 09:00: Rolled products counted at dispatch include 14,500 t returned as defective.\\\n' +
        `  _Verified after the item closed: 65,000 t on 2026-04-14 10:40 by ${inspector.name}: Recounted._\n`,
    );
    expect(sectionOf(minutesMarkdown(later, chair('ko')), '### Riverside Steel Works')).toContain(
      `  _안건 종료 후 검증: 65,000 t, 2026-04-14 10:40, ${inspector.name}: Recounted._\n`,
    );

    // The chair reopened the item and closed it again: the meeting saw the new figure.
    const closedAgain = after(later, [
      {
        type: 'agenda:item-reopened',
        payload: { itemId: item.id, reason: 'Recount.', at: '2026-04-14T11:00:00.000Z' },
        at: '2026-04-14T11:00:00.000Z',
      },
      {
        type: 'agenda:item-closed',
        payload: { itemId: item.id, closedAt: '2026-04-14T11:10:00.000Z' },
        at: '2026-04-14T11:10:00.000Z',
      },
    ]);
    const now = sectionOf(minutesMarkdown(closedAgain, chair('en')), '### Riverside Steel Works');
    expect(now).toContain('| Rolled products | t | Higher is better | 90,000 | 84,500 | 65,000 | 72.2% |');
    expect(now).toContain(
      `- **Rolled products: verified 65,000 t (reported 84,500 t)** — ${inspector.name}, 2026-04-14 10:40: Recounted.\\\n` +
        `  Earlier verification: 70,000 t on 2026-04-13 09:00 by ${inspector.name}: Rolled products counted at dispatch`,
    );
    expect(now).not.toContain('after the item closed');
  });

  test('the flags, the comparison and the ranking beside a closed item come from its figures at the close; a later verification is marked only', async () => {
    const state = await demoState();
    const steel = Object.values(state.units).find((u) => u.name === 'Riverside Steel Works')!.id;
    const crude = state.reports[steel]!.indicators.find((i) => i.isProduction)!;
    const inspector = Object.values(state.participants).find((p) => p.role === 'inspector')!;
    const later = after(state, [
      {
        type: 'report:verified',
        payload: { unitId: steel, indicatorId: crude.id, verified: 60_000, finding: 'Half idle.', evidence: null },
        at: '2026-04-14T10:40:00.000Z',
        actorId: inspector.id,
      },
    ]);
    const minutes = minutesMarkdown(later, chair('en'));
    const results = sectionOf(minutes, '### Riverside Steel Works');
    expect(results).toContain(
      '| Crude steel (production) | t | Higher is better | 120,000 | 118,000 | 117,600 | 98% |',
    );
    expect(results).toContain('_Verified after the item closed: 60,000 t on 2026-04-14 10:40');
    expect(sectionOf(results, '#### Flags')).toBe(
      '#### Flags\n\n- **Verified below reported**: Rolled products was reported at 84,500 t, but the inspector verified 70,000 t: 17.2% overstated, over the 5% threshold.\n',
    );
    expect(sectionOf(minutes, '### By Sector')).toContain('| Metallurgy | 1 | 1 | 98% | 0 | 0% |');
    expect(sectionOf(minutes, '### Ranking')).toContain('| 3 | Riverside Steel Works | 98% | 98.3% | 92.4% | no |');
  });

  test('a criticism hidden and shown again says so, with the reason for the chair only', async () => {
    const state = await demoState();
    const hidden = criticismsInOrder(state).find((c) => c.hidden !== null)!;
    const shown = after(state, [
      { type: 'criticism:unhidden', payload: { criticismId: hidden.id }, at: '2026-04-13T10:40:00.000Z' },
    ]);
    const official: RecordsScope = { ...chair('en'), role: 'official' };
    const cement = '#### 6. Eastfield Cement Plant';
    const line = '   _Hidden by the chair at 2026-04-13 09:00, shown again at 2026-04-13 10:40';
    expect(sectionOf(minutesMarkdown(shown, chair('en')), cement)).toContain(
      `${line}: Personal remarks about a named person._\\\n   The director is never at the plant.\\\n`,
    );
    expect(sectionOf(minutesMarkdown(shown, official), cement)).toContain(
      `${line}._\\\n   The director is never at the plant.\\\n`,
    );
    expect(sectionOf(minutesMarkdown(shown, chair('ko')), cement)).toContain(
      '   _의장이 2026-04-13 09:00에 숨겼다가 2026-04-13 10:40에 다시 표시함: Personal remarks about a named person._',
    );
    // Shown, it is no longer hidden: no line says it is.
    expect(sectionOf(minutesMarkdown(shown, chair('en')), cement)).not.toContain('Hidden by the chair:');
  });

  test('an inspection order’s reassignments are among the steps its item lists', async () => {
    const state = await demoState();
    const steel = Object.values(state.agenda).find((i) => i.topic.startsWith('Riverside Steel Works'))!;
    const inspector = Object.values(state.participants).find((p) => p.role === 'inspector')!;
    const { id: chairId, name: chairName } = Object.values(state.participants).find((p) => p.role === 'chair')!;
    const reassigned = after(state, [
      {
        type: 'participant:invited',
        payload: {
          participant: { id: 'p-second', name: 'Second Inspector', role: 'inspector', unitId: inspector.unitId },
        },
        at: '2026-04-13T10:00:00.000Z',
      },
      {
        type: 'directive:issued',
        payload: {
          directiveId: 'd-inspect',
          kind: 'inspection',
          assigneeUnitId: inspector.unitId,
          subjectUnitId: steel.unitId,
          inspectorId: null,
          title: 'Inspect the rolling mill',
          text: null,
          dueDate: '2026-04-30',
          fromCriticismId: null,
          orderedByUnitId: null,
          itemId: steel.id,
        },
        at: '2026-04-13T10:00:00.000Z',
      },
      {
        type: 'directive:reassigned',
        payload: { directiveId: 'd-inspect', fromAssigneeId: null, assigneeId: inspector.id },
        at: '2026-04-13T10:05:00.000Z',
        actorId: chairId,
      },
      {
        type: 'directive:reassigned',
        payload: { directiveId: 'd-inspect', fromAssigneeId: inspector.id, assigneeId: 'p-second' },
        at: '2026-04-13T10:20:00.000Z',
        actorId: chairId,
      },
    ]);
    const en = sectionOf(minutesMarkdown(reassigned, chair('en')), '#### 4. Riverside Steel Works');
    expect(en).toContain(
      `  Reassigned by ${chairName}, 2026-04-13 10:05: from nobody to ${inspector.name}.\\\n` +
        `  Reassigned by ${chairName}, 2026-04-13 10:20: from ${inspector.name} to Second Inspector.`,
    );
    expect(sectionOf(minutesMarkdown(reassigned, chair('ko')), '#### 4. Riverside Steel Works')).toContain(
      `  ${chairName} 담당 변경, 2026-04-13 10:05: 없음에서 ${inspector.name}(으)로.`,
    );
  });
});
