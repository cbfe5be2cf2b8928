import type { Trends } from '@plenum/shared';
import { useCallback } from 'react';
import { apiResource } from '../../api/request';
import { inviteTokenKey } from '../../app/inviteToken';
import { useApiData, type ApiData } from '../../lib/useApiData';
import { useSessionStore } from '../../stores/session';

/** The answer of each session asked in this tab: its earlier quarters are closed, so one read serves every screen. */
const answers = new Map<string, Promise<Trends>>();

/**
 * `GET /api/v1/sessions/{sessionId}/trends` with this tab's invite token: the answer kept for the
 * tab, unless `fresh` asks again (a failure is asked again next time).
 */
export function fetchTrends(sessionId: string, fresh = false): Promise<Trends> {
  const kept = answers.get(sessionId);
  if (kept && !fresh) return kept;
  const token = window.sessionStorage.getItem(inviteTokenKey(sessionId)) ?? '';
  const answer = apiResource<Trends>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/trends`, { token });
  answers.set(sessionId, answer);
  answer.catch(() => {
    if (answers.get(sessionId) === answer) answers.delete(sessionId);
  });
  return answer;
}

/** The session's trends: the kept answer, or with `fresh` (a page opened to read them) a new one. */
export function useTrends(fresh = false): ApiData<Trends> {
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const load = useCallback(() => fetchTrends(sessionId, fresh), [sessionId, fresh]);
  return useApiData(load);
}
