import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { periodFigures } from '@plenum/shared';
import { demoSessionIds } from '../demo/seedDemo.js';
import { demoWorld } from '../test/demoWorld.js';
import { holdDemoMeeting } from '../test/recordsMeeting.js';
import type { RecordsScope } from './access.js';
import { minutesMarkdown } from './minutes.js';

const fixtures = fileURLToPath(new URL('../../../tests/fixtures/records/', import.meta.url));

/** Compares with the golden file (named `.golden` so the formatter leaves it as written); `UPDATE_GOLDEN=1` rewrites it. */
async function expectGolden(name: string, text: string) {
  const path = `${fixtures}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(path, text);
  expect(text).toBe(await readFile(path, 'utf8'));
}

/** The minutes of the demo meeting, with the fourth quarter before it for the streaks under the threshold. */
async function demoMinutes(lang: 'en' | 'ko') {
  const world = await demoWorld();
  await holdDemoMeeting(
    (actor, command) => world.run(actor, command),
    world.byRole,
    () => world.commands.state(world.sessionId),
  );
  const earlier = [periodFigures(await world.commands.state(demoSessionIds.previous))!];
  return minutesMarkdown(await world.commands.state(world.sessionId), chair(lang), null, earlier);
}

const chair = (lang: 'en' | 'ko'): RecordsScope => ({ role: 'chair', unitId: null, lang, dayId: null });

describe('minutes as Markdown', () => {
  test('the demo session in English matches its golden file', async () => {
    await expectGolden('demo-minutes.en.md.golden', await demoMinutes('en'));
  });

  test('the demo session in Korean matches its golden file', async () => {
    await expectGolden('demo-minutes.ko.md.golden', await demoMinutes('ko'));
  });
});
