import {
  ackSchema,
  CommandResultSchema,
  NotificationMessageSchema,
  PresenceChangedSchema,
  SessionEventsMessageSchema,
  SessionHeadMessageSchema,
  SessionJoinResultSchema,
} from '@plenum/shared';

/**
 * Dev and test builds parse what the server sends against the protocol before folding it, so
 * a drift between server and client fails loudly where it is cheap. Production builds skip it:
 * the bundler folds this flag to `false` here, in the module that uses it (it does not fold a
 * flag imported from another), and drops the parsing with zod.
 */
const validatesIncoming = import.meta.env.DEV || import.meta.env.MODE === 'test';

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

type IncomingCheck = (value: unknown) => string | null;
const skip: IncomingCheck = () => null;

/**
 * Each returns null when the value follows the protocol (or the build does not validate),
 * else a description of what does not.
 */
export const incomingProblem: Record<
  'events' | 'presence' | 'head' | 'joinAnswer' | 'commandAnswer' | 'notification',
  IncomingCheck
> = validatesIncoming
  ? {
      /** A `session:events` broadcast. */
      events: (value) => describe(SessionEventsMessageSchema.safeParse(value)),
      /** A `presence:changed` delta. */
      presence: (value) => describe(PresenceChangedSchema.safeParse(value)),
      /** A `session:head` heartbeat. */
      head: (value) => describe(SessionHeadMessageSchema.safeParse(value)),
      /** The answer to `session:join`. */
      joinAnswer: (value) => describe((joinAnswerSchema ??= makeJoinAnswerSchema()).safeParse(value)),
      /** The answer to `command`. */
      commandAnswer: (value) => describe((commandAnswerSchema ??= makeCommandAnswerSchema()).safeParse(value)),
      /** A `notification:new` message. */
      notification: (value) => describe(NotificationMessageSchema.safeParse(value)),
    }
  : { events: skip, presence: skip, head: skip, joinAnswer: skip, commandAnswer: skip, notification: skip };
