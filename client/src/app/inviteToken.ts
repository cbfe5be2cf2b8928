/** Where a session's invite token is kept: per tab, so several roles can be open side by side. */
export function inviteTokenKey(sessionId: string): string {
  return `plenum:invite-token:${sessionId}`;
}

export interface LinkTokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The token of a link `…#token=<token>`, kept under `storageKey`. The token travels in the
 * fragment (never sent to the server in a request line or a log), is kept in sessionStorage so a
 * reload works, and is then removed from the address bar so it is not shared by a copied URL or
 * a screenshot. Calling it twice gives the same answer.
 */
export function takeLinkToken(storageKey: string, env: LinkTokenEnvironment): string | null {
  const fragment = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromLink = fragment.get('token');
  if (fromLink) {
    try {
      env.storage.setItem(storageKey, fromLink);
    } catch {
      // Storage can be disabled or full; the token still works until the page is reloaded.
    }
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}`);
    return fromLink;
  }
  try {
    return env.storage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** The invite token for `sessionId`, from an invite link `/s/<sessionId>#token=<token>` or this tab's memory. */
export function takeInviteToken(sessionId: string, env: LinkTokenEnvironment): string | null {
  return takeLinkToken(inviteTokenKey(sessionId), env);
}
