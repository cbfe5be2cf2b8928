/**
 * Where a warning stands. Issued at a session's close to a unit under the threshold, it stays
 * open into the next period's session, which lifts or escalates it.
 */
export const WarningStatus = {
  /** Issued; the unit must improve by the next review. */
  open: 'open',
  /** The next review found the unit improved. */
  lifted: 'lifted',
  /** The next review found it still lagging: removal of its managers is recommended. */
  escalated: 'escalated',
} as const;
export type WarningStatus = (typeof WarningStatus)[keyof typeof WarningStatus];
