import type { Participant } from '@plenum/shared';

/** What every decide function knows besides the state and the command. */
export interface DecideContext {
  actor: Participant;
  /** The instant of the decision, ISO 8601. */
  now: string;
  /** A fresh id for a new entity. */
  newId: () => string;
}
