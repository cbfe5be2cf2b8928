import { describe, expect, test } from 'vitest';
import { demoWorld, refusal } from '../../test/demoWorld.js';

describe('verifying a report', () => {
  test('before the unit submitted one is refused with that reason, naming the unit', async () => {
    const { run, byRole } = await demoWorld();
    const verify = await refusal(
      run(byRole.inspector, {
        type: 'report:verify',
        payload: { unitId: 'eastfield-county', indicatorId: 'cement', verified: 1, finding: 'Books.', evidence: null },
      }),
    );
    expect(verify.code).toBe('CONFLICT');
    expect(verify.refusal).toEqual({ kind: 'report-not-submitted', unit: 'Eastfield County' });
  });
});
