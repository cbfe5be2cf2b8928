import { describe, expect, test } from 'vitest';
import { RuleReasonSchema, SchemaCheckReasonSchema } from './ack.js';
import { isRuleReason } from './issueCodes.js';

describe('an issue reason’s kind', () => {
  test('every domain rule’s reason is told a rule, and every schema check’s reason is not', () => {
    const ruleCodes = RuleReasonSchema.options.map((option) => option.shape.code.value);
    for (const code of ruleCodes) expect(isRuleReason({ code } as never), code).toBe(true);
    for (const code of SchemaCheckReasonSchema.shape.code.options) {
      expect(isRuleReason({ code }), code).toBe(false);
      expect(ruleCodes).not.toContain(code);
    }
  });
});
