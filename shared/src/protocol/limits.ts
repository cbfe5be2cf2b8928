// No zod here: the client bundle imports these numbers without the schemas.

/** Limits kept well below the transport's 64 KiB message cap, so a valid message always fits. */
export const Limits = {
  idLength: 64,
  nameLength: 200,
  textLength: 4000,
  indicatorsPerReport: 60,
  daysPerSession: 14,
  pageSize: 500,
  /** Participants in one presence list or delta; a larger delta goes out in several messages. */
  presenceEntries: 10_000,
} as const;
