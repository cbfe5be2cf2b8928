/** What the render page and the scenario that drives it agree on. */

/** The kinds of event applied in turn, one at a time. */
export const renderEventKinds = ['attendance', 'criticism', 'endorsement', 'timer'] as const;
export type RenderEventKind = (typeof renderEventKinds)[number];

/** The size of the generated session, passed to the page in its query string. */
export interface RenderSessionSize {
  units: number;
  criticisms: number;
}

/** One event applied and rendered: the time from the store action to React's commit. */
export interface RenderSample {
  kind: RenderEventKind;
  ms: number;
}

export interface RenderBenchApi {
  /** What the page mounted: the log's length, the criticisms and units the state holds, the first render. */
  mounted: { events: number; criticisms: number; units: number; firstRenderMs: number };
  /** Applies `count` more events of the stream, one per animation frame, each timed. */
  run: (count: number) => Promise<RenderSample[]>;
}

/** The global the page sets once the chair console is mounted. */
export const renderBenchGlobal = 'plenumRenderBench';
