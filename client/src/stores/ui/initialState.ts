/**
 * The views a session screen can show besides the live floor. Which ones a role gets is
 * decided by `uiSelectors.viewsFor`.
 */
export type SessionView =
  /** The live floor: agenda or current item, figures, criticism. */
  | 'floor'
  /** Presenter: the unit's report form. */
  | 'report'
  /** Presenter: the unit's slot, directives and warnings. */
  | 'unit'
  /** Inspector: verified values against any unit's report. */
  | 'verify'
  /** Chair: warnings to decide, second reviews, directives, closing the session. */
  | 'decisions'
  /** Chair: attendance per day. */
  | 'attendance'
  /** Comparisons, ranking, warnings, directives, trends (lazy-loaded). */
  | 'dashboard'
  /** One unit's figures, flags and warnings quarter by quarter (lazy-loaded). */
  | 'history'
  /** The live minutes of a day or of the whole session (lazy-loaded). */
  | 'minutes'
  /** Chair and administrator: settings, days, the agenda builder, invitations and the notice. */
  | 'prepare';

/** Local-only state of this tab's screens; never sent anywhere. */
export interface UiStoreState {
  /** The view chosen in this tab; null until one is: the role's first view is shown. */
  view: SessionView | null;
  /** The unit the history view shows; null until one is chosen: the first unit with a report. */
  historyUnitId: string | null;
}

export function initialUiState(): UiStoreState {
  return { view: null, historyUnitId: null };
}
