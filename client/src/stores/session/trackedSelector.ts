import type { SessionState } from '@plenum/shared';

type Part = keyof SessionState;

/** A selector over the session state, with the arguments it takes after the state. */
export type SessionSelector<TArgs extends readonly unknown[], T> = (state: SessionState, ...args: TArgs) => T;

interface Cache<TArgs extends readonly unknown[], T> {
  selector: SessionSelector<TArgs, T>;
  args: TArgs;
  state: SessionState;
  read: Part[];
  value: T;
}

function sameArgs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((arg, i) => Object.is(arg, b[i]));
}

/**
 * Makes a cache for one reader of the session state that answers from it while the selector and
 * its arguments are the same and none of the state's top-level parts the selector read last time
 * has changed. The state is folded with structural sharing (immer), so a part keeps its identity
 * unless something inside it changed: an event that touches other parts (an attendance ping, a
 * new criticism for the dashboard) neither computes again nor hands back a new value. Selectors
 * must be pure, so what they read on the last run is all their answer depends on.
 */
export function trackedSelector<TArgs extends readonly unknown[], T>() {
  let cache: Cache<TArgs, T> | null = null;
  return (selector: SessionSelector<TArgs, T>, state: SessionState, args: TArgs): T => {
    const last = cache;
    if (
      last !== null &&
      last.selector === selector &&
      sameArgs(last.args, args) &&
      (last.state === state || last.read.every((part) => last.state[part] === state[part]))
    ) {
      last.state = state;
      return last.value;
    }
    const read = new Set<Part>();
    const tracked = new Proxy(state, {
      get(target, key, receiver) {
        read.add(key as Part);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const value = selector(tracked, ...args);
    cache = { selector, args, state, read: [...read], value };
    return value;
  };
}
