import {
  ackSchema,
  CommandResultSchema,
  PresenceChangedSchema,
  SessionEventsMessageSchema,
  SessionHeadMessageSchema,
  SessionJoinResultSchema,
} from '@plenum/shared';

/**
 * Dev and test builds parse what the server sends against the protocol before folding it, so
 * a drift between server and client fails loudly where it is cheap. Production builds never
 * call these (callers test `import.meta.env` inline, which the bundler folds to `false`), and
 * this module runs nothing at load time, so zod stays out of the production bundle.
 */

interface ParseOutcome {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
}

function describe(outcome: ParseOutcome): string | null {
  if (outcome.success) return null;
  return (outcome.error?.issues ?? [])
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function makeJoinAnswerSchema() {
  return ackSchema(SessionJoinResultSchema);
}
function makeCommandAnswerSchema() {
  return ackSchema(CommandResultSchema);
}
// Built on first use rather than at load time: a top-level call would keep this module (and
// zod) in a production bundle even when nothing calls it.
let joinAnswerSchema: ReturnType<typeof makeJoinAnswerSchema> | undefined;
let commandAnswerSchema: ReturnType<typeof makeCommandAnswerSchema> | undefined;

/** Each returns null when the value follows the protocol, else a description of what does not. */
export const incomingProblem = {
  /** A `session:events` broadcast. */
  events: (value: unknown) => describe(SessionEventsMessageSchema.safeParse(value)),
  /** A `presence:changed` delta. */
  presence: (value: unknown) => describe(PresenceChangedSchema.safeParse(value)),
  /** A `session:head` heartbeat. */
  head: (value: unknown) => describe(SessionHeadMessageSchema.safeParse(value)),
  /** The answer to `session:join`. */
  joinAnswer: (value: unknown) => describe((joinAnswerSchema ??= makeJoinAnswerSchema()).safeParse(value)),
  /** The answer to `command`. */
  commandAnswer: (value: unknown) => describe((commandAnswerSchema ??= makeCommandAnswerSchema()).safeParse(value)),
};
