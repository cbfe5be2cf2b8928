import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { productionReport, unitAdded } from '../test/units.js';
import { foldEvents } from './reducer.js';
import { emptySessionState, type SessionState } from './state.js';
import { proposedWarnings, warningProposals } from './warnings.js';

/** The instant of the `n`th event of a story: revisions must be told apart by their time. */
const at = (n: number) => new Date(Date.UTC(2026, 3, 13, 9, n)).toISOString();

/** Unit `a`'s story: each event one minute after the one before. */
function story(...events: NewEvent[]): SessionState {
  const log = logOf([created, unitAdded('a'), ...events]).map((event, i) => ({ ...event, at: at(i) }));
  return foldEvents(emptySessionState('s1'), log);
}

const proposed = (state: SessionState) => proposedWarnings(state).map((p) => p.unitId);

describe('proposals lifted by a revised report', () => {
  test('a revision over the threshold takes the unit off the proposals, and says when and from what to what', () => {
    const state = story(productionReport('a', 100, 60), productionReport('a', 100, 75));
    expect(proposed(state)).toEqual([]);
    expect(warningProposals(state).lifted).toEqual([{ unitId: 'a', at: at(3), from: 0.6, to: 0.75, threshold: 0.7 }]);
  });

  test('a lowered plan lifts it too', () => {
    const state = story(productionReport('a', 100, 60), productionReport('a', 80, 60));
    expect(warningProposals(state).lifted).toEqual([{ unitId: 'a', at: at(3), from: 0.6, to: 0.75, threshold: 0.7 }]);
  });

  test('nothing is said of a unit that never was under the threshold, or still is', () => {
    expect(warningProposals(story(productionReport('a', 100, 60))).lifted).toEqual([]);
    expect(warningProposals(story(productionReport('a', 100, 60), productionReport('a', 100, 65))).lifted).toEqual([]);
    expect(warningProposals(story(productionReport('a', 100, 80), productionReport('a', 100, 90))).lifted).toEqual([]);
  });

  test('the latest lift counts: one taken back under the threshold is cancelled, one kept above stands', () => {
    const back = story(productionReport('a', 100, 60), productionReport('a', 100, 75), productionReport('a', 100, 65));
    expect(proposed(back)).toEqual(['a']);
    expect(warningProposals(back).lifted).toEqual([]);
    const again = story(...[60, 75, 65, 80].map((reported) => productionReport('a', 100, reported)));
    expect(warningProposals(again).lifted).toEqual([{ unitId: 'a', at: at(5), from: 0.65, to: 0.8, threshold: 0.7 }]);
    const kept = story(productionReport('a', 100, 60), productionReport('a', 100, 75), productionReport('a', 100, 90));
    expect(warningProposals(kept).lifted).toEqual([{ unitId: 'a', at: at(3), from: 0.6, to: 0.75, threshold: 0.7 }]);
  });

  test('a verified figure wins: a revised claim over a verified shortfall lifts nothing', () => {
    const verified = newEvent('report:verified', {
      unitId: 'a',
      indicatorId: 'p',
      verified: 60,
      finding: 'Weighbridge records.',
      evidence: null,
    });
    const state = story(productionReport('a', 100, 60), verified, productionReport('a', 100, 75));
    expect(proposed(state)).toEqual(['a']);
    expect(warningProposals(state).lifted).toEqual([]);
  });

  test('a unit the chair already decided on is not said to have left the proposals', () => {
    const waived = newEvent('warning:waived', { unitId: 'a', fulfilment: 0.6, reason: 'Flooded quarry.' });
    expect(
      warningProposals(story(productionReport('a', 100, 60), waived, productionReport('a', 100, 75))).lifted,
    ).toEqual([]);
  });
});

describe('a decision taken back', () => {
  const issued = newEvent('warning:issued', {
    warningId: 'w1',
    unitId: 'a',
    fulfilment: 0.6,
    threshold: 0.7,
    note: 'Below plan.',
  });
  const waived = newEvent('warning:waived', { unitId: 'a', fulfilment: 0.6, reason: 'Flooded quarry.' });
  const reconsidered = (decision: 'issued' | 'waived') =>
    newEvent('warning:reconsidered', {
      unitId: 'a',
      decision,
      warningId: decision === 'issued' ? 'w1' : null,
      reason: 'Wrong unit.',
    });

  test('an issued warning taken back leaves the warnings, is kept for the record, and the unit is proposed again', () => {
    const state = story(productionReport('a', 100, 60), issued, reconsidered('issued'));
    expect(state.warnings).toEqual({});
    expect(state.warningOrder).toEqual([]);
    expect(proposed(state)).toEqual(['a']);
    expect(state.reconsidered).toEqual([
      {
        unitId: 'a',
        decision: 'issued',
        warningId: 'w1',
        fulfilment: 0.6,
        text: 'Below plan.',
        decidedAt: at(3),
        at: at(4),
        reason: 'Wrong unit.',
      },
    ]);
  });

  test('a waiver taken back is kept for the record, and the unit is proposed again', () => {
    const state = story(productionReport('a', 100, 60), waived, reconsidered('waived'));
    expect(state.waivers).toEqual({});
    expect(proposed(state)).toEqual(['a']);
    expect(state.reconsidered).toMatchObject([{ decision: 'waived', text: 'Flooded quarry.', decidedAt: at(3) }]);
  });

  test('one ranking gives the same proposals as proposedWarnings', () => {
    const state = story(productionReport('a', 100, 60), issued, reconsidered('issued'));
    expect(warningProposals(state).proposed).toEqual(proposedWarnings(state));
  });
});
