import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { productionReport, unitAdded } from '../test/units.js';
import { foldEvents } from './reducer.js';
import { emptySessionState, type SessionState } from './state.js';
import { liftedProposals, proposedWarnings } from './warnings.js';

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
    expect(liftedProposals(state)).toEqual([{ unitId: 'a', at: at(3), from: 0.6, to: 0.75, threshold: 0.7 }]);
  });

  test('a lowered plan lifts it too', () => {
    const state = story(productionReport('a', 100, 60), productionReport('a', 80, 60));
    expect(liftedProposals(state)).toEqual([{ unitId: 'a', at: at(3), from: 0.6, to: 0.75, threshold: 0.7 }]);
  });

  test('nothing is said of a unit that never was under the threshold, or still is', () => {
    expect(liftedProposals(story(productionReport('a', 100, 60)))).toEqual([]);
    expect(liftedProposals(story(productionReport('a', 100, 60), productionReport('a', 100, 65)))).toEqual([]);
    expect(liftedProposals(story(productionReport('a', 100, 80), productionReport('a', 100, 90)))).toEqual([]);
  });

  test('the latest lift counts: one taken back under the threshold is cancelled, one kept above stands', () => {
    const back = story(productionReport('a', 100, 60), productionReport('a', 100, 75), productionReport('a', 100, 65));
    expect(proposed(back)).toEqual(['a']);
    expect(liftedProposals(back)).toEqual([]);
    const again = story(...[60, 75, 65, 80].map((reported) => productionReport('a', 100, reported)));
    expect(liftedProposals(again)).toEqual([{ unitId: 'a', at: at(5), from: 0.65, to: 0.8, threshold: 0.7 }]);
    const kept = story(productionReport('a', 100, 60), productionReport('a', 100, 75), productionReport('a', 100, 90));
    expect(liftedProposals(kept)).toEqual([{ unitId: 'a', at: at(3), from: 0.6, to: 0.75, threshold: 0.7 }]);
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
    expect(liftedProposals(state)).toEqual([]);
  });

  test('a unit the chair already decided on is not said to have left the proposals', () => {
    const waived = newEvent('warning:waived', { unitId: 'a', fulfilment: 0.6, reason: 'Flooded quarry.' });
    expect(liftedProposals(story(productionReport('a', 100, 60), waived, productionReport('a', 100, 75)))).toEqual([]);
  });
});
