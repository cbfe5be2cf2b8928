import type { Participant, SessionState } from '@plenum/shared';
import { get, set } from 'idb-keyval';
import type { ConnectionStoreApi } from '../stores/connection';
import type { SessionStoreApi } from '../stores/session';

/** The state of a session as this device last saw it live, with the log and participant it follows. */
export interface LastVisit {
  session: SessionState;
  epoch: string;
  you: Participant;
}

/** Where visits are kept: IndexedDB in the browser (idb-keyval), a map in tests. */
export interface VisitStorage {
  get: (key: string) => Promise<LastVisit | undefined>;
  set: (key: string, visit: LastVisit) => Promise<void>;
}

const indexedDbStorage: VisitStorage = { get: (key) => get<LastVisit>(key), set };

/**
 * The key of one invitation's visit: the session and a digest of the invitation's token, so a
 * second person opening the session on the same device never sees the first one's screen, and
 * the token itself is not stored.
 */
async function visitKey(sessionId: string, token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `plenum:last-visit:${sessionId}:${hex}`;
}

/**
 * Shows the last visit of this invitation to `sessionId` at once, marked as not live
 * (`isFromLastVisit`), when the store holds nothing yet; the catch-up then continues from its
 * `lastSeq`. Resolves when done, also when there is none or storage is unavailable (private
 * windows, tests), so the caller can start the sync either way. `isWanted` is asked before
 * the store is touched: the screen may be gone meanwhile.
 */
export async function restoreLastVisit(options: {
  sessionId: string;
  token: string;
  session: SessionStoreApi;
  isWanted: () => boolean;
  storage?: VisitStorage;
}): Promise<void> {
  const { sessionId, token, session, isWanted, storage = indexedDbStorage } = options;
  let visit: LastVisit | undefined;
  try {
    visit = await storage.get(await visitKey(sessionId, token));
  } catch {
    return;
  }
  const current = session.getState();
  const isEmpty = current.you === null && current.session.lastSeq === 0;
  if (!visit || visit.session.sessionId !== sessionId || !isEmpty || !isWanted()) return;
  current.restoreLastVisit(visit);
}

/**
 * Keeps the state of this visit for the next one: as soon as it is live, then at most once per
 * `intervalMs` while it changes (a busy floor changes it many times a second). Never while it
 * is the last visit's own state or catching up: only a state that followed the log to its head
 * is kept. Returns the way to stop.
 */
export function keepLastVisit(options: {
  sessionId: string;
  token: string;
  session: SessionStoreApi;
  connection: ConnectionStoreApi;
  intervalMs?: number;
  storage?: VisitStorage;
}): () => void {
  const { sessionId, token, session, connection, intervalMs = 2_000, storage = indexedDbStorage } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = async () => {
    timer = undefined;
    const { session: state, epoch, you, isFromLastVisit } = session.getState();
    if (connection.getState().status !== 'live' || isFromLastVisit || epoch === null || you === null) return;
    if (state.sessionId !== sessionId) return;
    try {
      await storage.set(await visitKey(sessionId, token), { session: state, epoch, you });
    } catch {
      // Storage full or unavailable: the next visit starts from the log, as without it.
    }
  };
  const schedule = () => {
    timer ??= setTimeout(() => void save(), intervalMs);
  };
  const stopSession = session.subscribe(schedule);
  const stopConnection = connection.subscribe((now, before) => {
    if (now.status !== 'live' || before.status === 'live') return;
    clearTimeout(timer);
    void save();
  });
  return () => {
    clearTimeout(timer);
    stopSession();
    stopConnection();
  };
}
