import type { Clock } from '../domain/ports.js';

/** The real clock; tests inject their own {@link Clock}. */
export const systemClock: Clock = {
  now: () => new Date(),
};
