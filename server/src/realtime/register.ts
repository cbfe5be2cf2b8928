import { fail, issueOf, ok, type Ack, type ErrorCode, type Issue } from '@plenum/shared';
import type { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { GatewayContext } from './context.js';
import { isWithinShape } from './protections.js';
import type { GatewaySocket } from './types.js';

/** Registers a step to run once the request in hand is answered, whether it succeeded or not. */
export type AfterAnswer = (step: () => void) => void;

/** A request as it passes through the steps of its channel. */
export interface RequestCall<TInput, TData> {
  readonly socket: GatewaySocket;
  readonly gateway: GatewayContext;
  /** The payload, parsed with the channel's schema. */
  readonly input: TInput;
  /** The ack's data, set by a step before {@link ack}. */
  data?: TData;
  readonly afterAnswer: AfterAnswer;
}

/**
 * Where a channel's steps answer the request with its `data`: a step before it refuses the
 * request by throwing; the steps after it run once the answer is on its way (P3).
 */
export const ack = Symbol('ack');

/** One step of a channel's pipeline, or the place of its answer. */
export type Step<TCall> = ((call: TCall) => void | Promise<void>) | typeof ack;

type RequestChannel = 'session:join' | 'command';

/** Converts a zod failure into the ack's field-level issues. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 20).map(issueOf);
}

/**
 * The only way to handle a client request: the payload is parsed with its schema first, and
 * no step sees anything that did not pass (invalid input → `INVALID_PAYLOAD`); then `steps`
 * run in order, and {@link ack} among them answers. A `DomainError` thrown before the answer
 * becomes a typed failed ack; anything else is logged and acked `INTERNAL`; a step that fails
 * after the answer is logged. A request without an ack callback is dropped and logged; one with
 * a callback always gets a typed answer, even without a payload. A request nested deeper or
 * holding more values than any valid message can is answered `TOO_LARGE` without being parsed (P11).
 */
export function register<TSchema extends z.ZodType, TCall extends RequestCall<z.output<TSchema>, unknown>>(
  socket: GatewaySocket,
  channel: RequestChannel,
  schema: TSchema,
  steps: readonly Step<TCall>[],
  gateway: GatewayContext,
): void {
  const { logger } = gateway;
  const requestShape = gateway.protections.requestShape;
  const listener = async (...args: unknown[]): Promise<void> => {
    // socket.io passes the callback last, after however many values the client sent: a request
    // sent with a callback and no payload is answered as an empty one, not dropped.
    const callback = args.at(-1);
    const raw = args.length > 1 ? args[0] : undefined;
    if (typeof callback !== 'function') {
      logger.warn({ channel, socketId: socket.id }, 'request without acknowledgement dropped');
      return;
    }
    const reply = callback as (answer: Ack<unknown>) => void;
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
    const request: RequestCall<z.output<TSchema>, unknown> = {
      socket,
      gateway,
      input: parsed.data,
      afterAnswer: (step) => {
        afterAnswer.push(step);
      },
    };
    // The fields a channel's call adds to a request are the ones its steps set as they run.
    const call = request as TCall;
    let answered = false;
    const answer = (message: Ack<unknown>): void => {
      answered = true;
      reply(message);
      for (const step of afterAnswer) step();
    };
    try {
      for (const step of steps) {
        if (step === ack) answer(ok(call.data));
        else await step(call);
      }
    } catch (error) {
      if (answered) logger.error({ err: error, channel, socketId: socket.id }, 'after-ack step failed');
      else refuse(error, answer, call, channel);
    }
  };
  // socket.io's typed `on` cannot see through the generic channel; the schema is the type.
  (socket.on as (event: string, listener: (...args: unknown[]) => Promise<void>) => void)(channel, listener);
}

/** Answers a request its steps refused. */
function refuse(
  error: unknown,
  answer: (message: Ack<unknown>) => void,
  call: RequestCall<unknown, unknown>,
  channel: RequestChannel,
): void {
  if (error instanceof DomainError) {
    answer(fail(error.code, error.message, error.issues, error.refusal));
    // An invitation no longer valid ends the connection, once the answer is on its way (P8).
    if (error.code === 'UNAUTHENTICATED') call.socket.disconnect(true);
    return;
  }
  call.gateway.logger.error({ err: error, channel, socketId: call.socket.id }, 'request failed');
  answer(
    fail('INTERNAL' satisfies ErrorCode, 'The server could not handle the request; retry with the same command id.'),
  );
}
