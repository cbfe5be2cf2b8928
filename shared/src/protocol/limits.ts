// No zod here: the client bundle imports these numbers without the schemas.

/** Limits kept well below the transport's 64 KiB message cap, so a valid message always fits. */
export const Limits = {
  idLength: 64,
  nameLength: 200,
  /** An indicator's unit of measure ("t", "units", "%"): shown in narrow columns. */
  measureLength: 40,
  textLength: 4000,
  indicatorsPerReport: 60,
  daysPerSession: 14,
  pageSize: 500,
  /** Participants in one presence list or delta; a larger delta goes out in several messages. */
  presenceEntries: 10_000,
  /** Participants in one `attendance:batch-connected`; a larger batch is logged as several. */
  attendanceBatch: 250,
  /**
   * The magnitudes a figure may take: a millionth of its measure at the least (so no ratio of
   * two figures overflows or divides by a subnormal), a thousand million million at most. A
   * plan is at least the minimum; a reported, verified or previous figure is 0 or within them.
   */
  figureMin: 1e-6,
  figureMax: 1e15,
  /** The years a period or a calendar date may fall in. */
  yearMin: 2000,
  yearMax: 2100,
} as const;
