/**
 * Runs tasks one at a time, in the order they were given: the command batches, the reads
 * between them and the snapshot saves, so that a read or a save sees states that hold
 * committed events only.
 */
export class Lane {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every task given before it has settled; resolves or rejects as it does. */
  run<TResult>(task: () => Promise<TResult>): Promise<TResult> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
