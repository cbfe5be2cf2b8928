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

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * `next`, with what equals `last` in value taken from `last`: `last` itself when the two are
 * equal throughout, else a new array holding `last`'s equal elements. Only arrays are rebuilt;
 * an object that differs is `next`'s own, so the state's objects stay the state's.
 */
function keepEqual<T>(last: unknown, next: T): T {
  if (Object.is(last, next)) return last as T;
  if (Array.isArray(last) && Array.isArray(next)) {
    const kept = next.map((element: unknown, i) => keepEqual(last[i], element));
    if (kept.length === last.length && kept.every((element, i) => element === last[i])) return last as T;
    return (kept.some((element, i) => element !== next[i]) ? kept : next) as T;
  }
  if (isPlainObject(last) && isPlainObject(next)) {
    const keys = Object.keys(next);
    const same =
      keys.length === Object.keys(last).length &&
      keys.every((key) => Object.hasOwn(last, key) && keepEqual(last[key], next[key]) === last[key]);
    return (same ? last : next) as T;
  }
  return next;
}

/**
 * Makes a cache for one reader of the session state that answers from it while the selector and
 * its arguments are the same and none of the state's top-level parts the selector read last time
 * has changed. The state is folded with structural sharing (immer), so a part keeps its identity
 * unless something inside it changed: an event that touches other parts (an attendance ping, a
 * new criticism for the dashboard) neither computes again nor hands back a new value, and an
 * answer computed again but equal in value to the last is the last. Selectors must be pure, so
 * what they read on the last run is all their answer depends on.
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
    // An answer equal to the last keeps its identity, so its reader does not render again: the
    // flags of a unit's report, say, computed again because a timer event changed the agenda.
    const value = last === null ? selector(tracked, ...args) : keepEqual(last.value, selector(tracked, ...args));
    cache = { selector, args, state, read: [...read], value };
    return value;
  };
}
