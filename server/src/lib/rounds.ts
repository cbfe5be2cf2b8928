/**
 * Runs work in rounds, one at a time per key: a call while a round runs shares its promise and
 * asks for one more round after it, so work hinted many times (by commits, by timers) runs as
 * often as needed and never twice at once.
 */
export class Rounds<K = string> {
  private readonly running = new Map<K, Promise<void>>();
  private readonly again = new Set<K>();

  /** Runs `round` for `key` until no call asked for another meanwhile; rejects with a round's error. */
  run(key: K, round: () => Promise<void>): Promise<void> {
    const running = this.running.get(key);
    if (running) {
      this.again.add(key);
      return running;
    }
    const run = (async () => {
      try {
        do {
          this.again.delete(key);
          await round();
        } while (this.again.has(key));
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, run);
    return run;
  }

  /** The rounds running now, to wait for at a stop. */
  inFlight(): Promise<void>[] {
    return [...this.running.values()];
  }
}
