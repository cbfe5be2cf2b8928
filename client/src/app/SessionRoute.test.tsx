import { act, render, screen } from '@testing-library/react';
import { expect, onTestFinished, test, vi } from 'vitest';
import type * as SocketModule from '../realtime/socket';
import { FakeSocket } from '../realtime/testing/FakeSocket';
import { ids } from '../test/events';
import { inviteTokenKey } from './inviteToken';
import { SessionRoute } from './SessionRoute';

const sockets: FakeSocket[] = [];
vi.mock('../realtime/socket', async (importOriginal) => ({
  ...(await importOriginal<typeof SocketModule>()),
  createSocket: () => {
    const fake = new FakeSocket();
    sockets.push(fake);
    return fake.asSocket();
  },
}));

test('the socket connects while the words load; nothing shows before they are there', async () => {
  // The bell's list is not this test's concern: its request stays unanswered.
  vi.stubGlobal('fetch', () => new Promise(() => {}));
  onTestFinished(() => {
    vi.unstubAllGlobals();
  });
  window.sessionStorage.setItem(inviteTokenKey(ids.session), 'token-1');
  let wordsLoaded = () => {};
  const words = new Promise<void>((resolve) => (wordsLoaded = resolve));
  const view = render(<SessionRoute sessionId={ids.session} words={words} />);

  expect(sockets.map((fake) => fake.connectCalls)).toEqual([1]);
  expect(view.container).toBeEmptyDOMElement();

  await act(async () => {
    wordsLoaded();
    await words;
  });
  expect(await screen.findByTestId('screen-loading')).toHaveTextContent('Joining');
  view.unmount();
});
