import { periodFigures, trendsOf, type PeriodFigures, type SessionState, type Trends } from '@plenum/shared';
import { isOrganisationStream } from '../domain/organisationService.js';

/** How many periods a trend reaches back: five years of quarters. */
export const trendPeriodsMax = 20;

/** Reads a view of a session's current state (`CommandService.read`): the view must keep nothing of it. */
export type ReadSession = <TResult>(sessionId: string, view: (state: SessionState) => TResult) => Promise<TResult>;

/**
 * Trends across the quarters of a chain of review sessions: from a session back through each
 * `previousSessionId`, one period per session. Each session's figures are kept with the `seq`
 * they were made at and remade only when its log moved on, so a trend over closed quarters
 * costs one catch-up read per session and no fold.
 */
export class TrendsReadModel {
  private readonly figures = new Map<string, { seq: number; figures: PeriodFigures | null }>();

  constructor(private readonly read: ReadSession) {}

  /** The trends up to `sessionId`, oldest period first; null when there is no such session. */
  async trends(sessionId: string): Promise<Trends | null> {
    return trendsOf(await this.chain(sessionId));
  }

  /**
   * The period figures of `sessionId` and of the sessions it follows up, oldest first. The walk
   * stops at an unknown session, at one whose period is not earlier than the one after it (a
   * link an imported archive could bend into a loop), and after {@link trendPeriodsMax} periods.
   */
  async chain(sessionId: string): Promise<PeriodFigures[]> {
    const chain: PeriodFigures[] = [];
    for (let id: string | null = sessionId; id !== null && chain.length < trendPeriodsMax;) {
      if (isOrganisationStream(id)) break;
      const figures = await this.periodOf(id);
      const later = chain.at(-1);
      if (figures === null || (later !== undefined && figures.period >= later.period)) break;
      chain.push(figures);
      id = figures.previousSessionId;
    }
    return chain.reverse();
  }

  private periodOf(sessionId: string): Promise<PeriodFigures | null> {
    return this.read(sessionId, (state) => {
      const kept = this.figures.get(sessionId);
      if (kept?.seq === state.lastSeq) return kept.figures;
      const figures = periodFigures(state);
      this.figures.set(sessionId, { seq: state.lastSeq, figures });
      return figures;
    });
  }
}
