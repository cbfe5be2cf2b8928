import type { PreviousReport } from '@plenum/shared';
import { useCallback } from 'react';
import { apiRequest } from '../../api/request';
import { inviteTokenKey } from '../../app/inviteToken';
import { useApiData } from '../../lib/useApiData';
import { useSessionStore } from '../../stores/session';

/**
 * `GET /api/sessions/{sessionId}/units/{unitId}/previous-report` with this tab's invite token:
 * the unit's report in the period the session follows up, or null when there is none.
 */
export function fetchPreviousReport(sessionId: string, unitId: string): Promise<PreviousReport | null> {
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/units/${encodeURIComponent(unitId)}/previous-report`;
  return apiRequest<PreviousReport | null>(path, {
    token: window.sessionStorage.getItem(inviteTokenKey(sessionId)) ?? '',
  });
}

/**
 * The unit's report in the period before, once loaded; null for a null `unitId` (nothing asked),
 * while loading, when there is none, and when it cannot be read: the form works without it.
 */
export function usePreviousReport(unitId: string | null): PreviousReport | null {
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const load = useCallback(
    () => (unitId === null ? Promise.resolve(null) : fetchPreviousReport(sessionId, unitId)),
    [sessionId, unitId],
  );
  const previous = useApiData(load);
  return previous.state === 'loaded' ? previous.data : null;
}
