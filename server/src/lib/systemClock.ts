import type { Clock, Timers } from '../domain/ports.js';

/** The real clock; tests inject their own {@link Clock}. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** The real timers. */
export const systemTimers: Timers = {
  after(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
  nextTurn(task) {
    setImmediate(task);
  },
};
