/** Runs synchronous store work as a promise: a failure (say, a closed store) rejects rather than throws. */
export function settle<TResult>(run: () => TResult): Promise<TResult> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
