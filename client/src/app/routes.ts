/** The screens reachable by URL. */
export type Route =
  /** `/`: what Plenum is and how to join. */
  | { name: 'landing' }
  /** `/s/:sessionId`: a review session, opened from an invite link. */
  | { name: 'session'; sessionId: string }
  /** `/admin`: the organisation's administrator console, opened from an administrator link. */
  | { name: 'admin' }
  /** Anything else. */
  | { name: 'not-found' };

// The same shape as the protocol's ids, so a mistyped link fails here and not at the server.
const sessionPath = /^\/s\/([A-Za-z0-9_-]{1,64})\/?$/;

/** The route for a URL path. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'landing' };
  if (pathname === '/admin' || pathname === '/admin/') return { name: 'admin' };
  const match = sessionPath.exec(pathname);
  if (match?.[1]) return { name: 'session', sessionId: match[1] };
  return { name: 'not-found' };
}
