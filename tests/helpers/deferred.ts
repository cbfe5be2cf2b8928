/** A promise with its `resolve` and `reject` in hand, for events a test waits on. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
  /** True once resolved or rejected. */
  readonly isSettled: boolean;
}

/**
 * Creates a {@link Deferred}. Tests wait on these (or on {@link waitForEvent}), never on sleeps.
 * @example
 * const acked = deferred<number>();
 * socket.emit('command', request, (ack) => acked.resolve(ack.ok ? ack.data.seq : -1));
 * expect(await withTimeout(acked.promise, 2000, 'the ack')).toBe(37);
 */
export function deferred<T = void>(): Deferred<T> {
  let settled = false;
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = (value) => {
      settled = true;
      res(value);
    };
    reject = (reason) => {
      settled = true;
      rej(reason instanceof Error ? reason : new Error(String(reason)));
    };
  });
  return {
    promise,
    resolve,
    reject,
    get isSettled() {
      return settled;
    },
  };
}

/** Rejects with a message naming `what` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
