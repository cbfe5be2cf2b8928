import { issueOf } from '@plenum/shared';
import { issuesByField } from './refusedFields';

/**
 * A schema check's issues by field key, as {@link issuesByField} reads the server's. Apart from
 * `refusedFields`, since `issueOf` reads zod's issues and brings the schemas' chunk with it.
 */
export function schemaIssuesByField(issues: readonly Parameters<typeof issueOf>[0][]): Record<string, string> {
  return issuesByField(issues.map(issueOf));
}
