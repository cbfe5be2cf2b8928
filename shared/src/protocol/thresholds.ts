// No zod here (as in limits.ts): the client's reducer reads these defaults without the schemas.

/** Default thresholds: under 70 % of planned production gets a warning; a gap over 5 % is flagged. */
export const defaultThresholds = { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 };
