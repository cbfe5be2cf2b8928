import { expect, test } from 'vitest';
import { parseRoute } from './routes';

test('routes by path', () => {
  expect(parseRoute('/')).toEqual({ name: 'landing' });
  expect(parseRoute('/s/session-1')).toEqual({ name: 'session', sessionId: 'session-1' });
  expect(parseRoute('/s/session-1/')).toEqual({ name: 'session', sessionId: 'session-1' });
  expect(parseRoute('/s/not a session')).toEqual({ name: 'not-found' });
  expect(parseRoute('/s/')).toEqual({ name: 'not-found' });
  expect(parseRoute('/admin')).toEqual({ name: 'admin' });
  expect(parseRoute('/admin/')).toEqual({ name: 'admin' });
  expect(parseRoute('/admin/units')).toEqual({ name: 'not-found' });
});
