import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { expect, test, vi } from 'vitest';
import { ids } from '../test/events';
import type * as SocketModule from './socket';
import { FakeSocket } from './testing/FakeSocket';
import { useSessionConnection } from './useSessionConnection';

const sockets: FakeSocket[] = [];
vi.mock('./socket', async (importOriginal) => ({
  ...(await importOriginal<typeof SocketModule>()),
  createSocket: () => {
    const fake = new FakeSocket();
    sockets.push(fake);
    return fake.asSocket();
  },
}));

function Probe() {
  useSessionConnection(ids.session, 'token-1');
  return null;
}

test('StrictMode’s double mount, and twenty remounts, leave one set of listeners and one join per connect', async () => {
  for (let i = 0; i < 20; i++) {
    const view = render(
      <StrictMode>
        <Probe />
      </StrictMode>,
    );
    view.unmount();
  }
  for (const fake of sockets) expect(fake.listenerCount()).toBe(0);

  sockets.length = 0;
  const view = render(
    <StrictMode>
      <Probe />
    </StrictMode>,
  );
  // The sync starts once the last visit is looked up (none here: no IndexedDB in the test).
  const live = await vi.waitFor(() => {
    const attached = sockets.filter((fake) => fake.listenerCount() > 0);
    expect(attached).toHaveLength(1);
    return attached;
  });
  const [fake] = live;
  fake!.serverAccepts();
  await fake!.nextAsk('session:join');
  expect(fake!.sent.filter((m) => m.event === 'session:join')).toHaveLength(1);
  view.unmount();
  expect(fake!.listenerCount()).toBe(0);
});
