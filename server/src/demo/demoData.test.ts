import { ReportSubmissionSchema, ReviewSessionDefinitionSchema, VerificationSchema } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoPreviousReports, demoPreviousSession, demoReports, demoSession, demoVerifications } from './demoData.js';

// The seed appends the demo's reports as events without the command pipeline's parse.
describe('demo data', () => {
  test('rehearsal 15: the demo follows the protocol’s ranges', () => {
    const createdAt = '2026-03-20T09:00:00.000Z';
    for (const session of [demoSession, demoPreviousSession]) {
      expect(ReviewSessionDefinitionSchema.safeParse({ ...session, createdAt }).error).toBeUndefined();
    }
    for (const report of [...demoReports, ...demoPreviousReports]) {
      expect(ReportSubmissionSchema.safeParse(report).error, report.unitId).toBeUndefined();
    }
    for (const verification of demoVerifications) {
      expect(VerificationSchema.safeParse(verification).error, verification.unitId).toBeUndefined();
    }
  });
});
