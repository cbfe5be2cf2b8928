import { criticismCount } from '@plenum/shared';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../../../client/src/i18n';
import { RealtimeContext, type Realtime } from '../../../client/src/realtime/RealtimeContext';
import { connectionStore } from '../../../client/src/stores/connection';
import { sessionStore } from '../../../client/src/stores/session';
import '../../../client/src/styles.css';
import { renderBenchGlobal, renderEventKinds, type RenderBenchApi, type RenderSample } from './api';
import { ChairConsole } from './chairConsole';
import { chair, renderSession } from './renderSession';

/**
 * The chair console of a big session, mounted from the real stores, then fed live events one
 * at a time through the store's own action. Each sample is the time from that action to
 * React's commit: `flushSync` renders the update before it returns, as a socket message's
 * update renders before the browser paints.
 */
const query = new URLSearchParams(window.location.search);
const size = { units: Number(query.get('units') ?? 60), criticisms: Number(query.get('criticisms') ?? 5000) };
const session = renderSession(size);

// Nothing is sent: the benchmark only receives.
const realtime: Realtime = {
  send: () => Promise.resolve({ ok: false, error: { code: 'OFFLINE', message: 'The benchmark sends nothing.' } }),
  reconnect: () => undefined,
};

/** Resolves after the next frame was painted, so each event meets a settled screen. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

void initI18n().then(() => {
  sessionStore.getState().reset('render-session');
  sessionStore.getState().applyEvents(session.events);
  sessionStore.getState().setIdentity({ epoch: 'render', you: chair });
  connectionStore.getState().setStatus('live');

  const started = performance.now();
  const root = createRoot(document.getElementById('root')!);
  flushSync(() =>
    root.render(
      <RealtimeContext.Provider value={realtime}>
        <ChairConsole role="chair" />
      </RealtimeContext.Provider>,
    ),
  );
  const firstRenderMs = performance.now() - started;

  let turn = 0;
  const state = sessionStore.getState().session;
  const api: RenderBenchApi = {
    mounted: {
      events: state.lastSeq,
      criticisms: criticismCount(state),
      units: Object.keys(state.units).length,
      firstRenderMs,
    },
    run: async (count) => {
      const samples: RenderSample[] = [];
      for (let i = 0; i < count; i++) {
        const kind = renderEventKinds[turn++ % renderEventKinds.length]!;
        const event = session.next(kind);
        await nextFrame();
        const t0 = performance.now();
        flushSync(() => sessionStore.getState().applyEvents([event]));
        samples.push({ kind, ms: performance.now() - t0 });
        // The figure means something only if the update rendered inside the timed call.
        if (
          event.type === 'criticism:posted' &&
          !document.querySelector(`[data-testid="criticism-${event.payload.criticismId}"]`)
        )
          throw new Error(`criticism ${event.payload.criticismId} was not on screen when flushSync returned`);
      }
      return samples;
    },
  };
  (window as unknown as Record<string, RenderBenchApi>)[renderBenchGlobal] = api;
});
