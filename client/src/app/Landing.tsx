/** `/`: what Plenum is, and that people join through their invite link. */
export function Landing() {
  return (
    <main className="page centred landing">
      <h1>Plenum</h1>
      <p className="lead">The live record of a review session held by teleconference.</p>
      <p>
        Each reporting unit presents its plan and results for the period, officials raise criticism, and the chair runs
        the agenda. The call itself stays in your usual conferencing tool.
      </p>
      <h2>How to join</h2>
      <p>
        Open the invite link you received from the chair. It takes you straight to the review session with your role:
        chair, presenter, official, inspector or room screen. If you have lost it, ask the chair for a new one.
      </p>
    </main>
  );
}

/** Any other address. */
export function NotFound() {
  return (
    <main className="page centred">
      <h1>Page not found</h1>
      <p>
        This address is not part of Plenum. To join a review session, open the invite link you received from the chair.
      </p>
      <p>
        <a href="/">About Plenum</a>
      </p>
    </main>
  );
}
