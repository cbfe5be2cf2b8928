import { fail, ok, type Ack, type ErrorCode } from '@plenum/shared';
import type { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../lib/logger.js';
import { isWithinShape, type Protections } from './protections.js';
import type { GatewaySocket } from './types.js';

/** What a request handler returns: the ack's data, and work to do once the ack is sent. */
export interface HandlerResult<TData> {
  data: TData;
  /** Runs after the ack, e.g. the broadcast that must follow it (P3). */
  afterAck?: () => void | Promise<void>;
}

/** Registers a step to run once the request in hand is answered, whether it succeeded or not. */
export type AfterAnswer = (step: () => void) => void;

type RequestChannel = 'session:join' | 'command';

/** Converts a zod failure into the ack's field-level issues. */
export function toIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * The only way to handle a client request: the payload is parsed with its schema first, and
 * the handler never sees anything that did not pass (invalid input → `INVALID_PAYLOAD`). A
 * `DomainError` becomes a typed failed ack; anything else is logged and acked `INTERNAL`.
 * A request without an ack callback is dropped and logged; one with a callback always gets a typed
 * answer, even without a payload. A request nested deeper or holding
 * more values than any valid message can is answered `TOO_LARGE` without being parsed (P11).
 */
export function register<TSchema extends z.ZodType, TData>(
  socket: GatewaySocket,
  channel: RequestChannel,
  schema: TSchema,
  handler: (input: z.output<TSchema>, afterAnswer: AfterAnswer) => Promise<HandlerResult<TData>>,
  logger: Logger,
  requestShape: Protections['requestShape'] = false,
): void {
  const listener = async (...args: unknown[]): Promise<void> => {
    // socket.io passes the callback last, after however many values the client sent: a request
    // sent with a callback and no payload is answered as an empty one, not dropped.
    const ack = args.at(-1);
    const raw = args.length > 1 ? args[0] : undefined;
    if (typeof ack !== 'function') {
      logger.warn({ channel, socketId: socket.id }, 'request without acknowledgement dropped');
      return;
    }
    const reply = ack as (answer: Ack<TData>) => void;
    if (requestShape !== false && !isWithinShape(raw, requestShape)) {
      reply(
        fail(
          'TOO_LARGE',
          `The ${channel} message is nested deeper than ${requestShape.maxDepth} levels or holds more than ${requestShape.maxValues} values.`,
        ),
      );
      return;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      reply(fail('INVALID_PAYLOAD', `The ${channel} message is not valid.`, toIssues(parsed.error)));
      return;
    }
    const afterAnswer: (() => void)[] = [];
    try {
      const result = await handler(parsed.data, (step) => afterAnswer.push(step));
      reply(ok(result.data));
      if (result.afterAck) {
        Promise.resolve()
          .then(result.afterAck)
          .catch((error: unknown) =>
            logger.error({ err: error, channel, socketId: socket.id }, 'after-ack step failed'),
          );
      }
    } catch (error) {
      if (error instanceof DomainError) {
        reply(fail(error.code, error.message, error.issues, error.refusal));
        // An invitation no longer valid ends the connection, once the answer is on its way (P8).
        if (error.code === 'UNAUTHENTICATED') socket.disconnect(true);
        return;
      }
      logger.error({ err: error, channel, socketId: socket.id }, 'request failed');
      reply(
        fail(
          'INTERNAL' satisfies ErrorCode,
          'The server could not handle the request; retry with the same command id.',
        ),
      );
    } finally {
      for (const step of afterAnswer) step();
    }
  };
  // socket.io's typed `on` cannot see through the generic channel; the schema is the type.
  (socket.on as (event: string, listener: (...args: unknown[]) => Promise<void>) => void)(channel, listener);
}
