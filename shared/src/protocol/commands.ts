import { z } from 'zod';
import {
  AgendaItemDefinitionSchema,
  CriticismDraftSchema,
  IdSchema,
  NameSchema,
  OrganisationUnitSchema,
  ReportSubmissionSchema,
} from './schemas/index.js';

/**
 * Every command a participant may send, by type (`domain:verb`, imperative). The payload
 * schema is the only definition of its shape: types, validation and socket maps derive
 * from this object.
 */
export const commandPayloads = {
  /** Chair: add an organisation unit to the session's hierarchy. */
  'unit:add': z.object({ unit: OrganisationUnitSchema }),
  /** Chair: add a slot to a day's agenda. The server assigns the id and order. */
  'agenda:add-item': AgendaItemDefinitionSchema.omit({ id: true }),
  /** Chair: start a pending item; the presenting unit has the floor. */
  'agenda:start-item': z.object({ itemId: IdSchema }),
  /** Chair: open the floor on the presenting item for criticism. */
  'agenda:open-floor': z.object({ itemId: IdSchema }),
  /** Chair: close the current item. */
  'agenda:close-item': z.object({ itemId: IdSchema }),
  /** Chair: defer a pending or running item to a later day. */
  'agenda:defer-item': z.object({ itemId: IdSchema, toDayId: IdSchema }),
  /** Presenter (own unit) or chair: submit the unit's report for the period. */
  'report:submit': ReportSubmissionSchema,
  /** Official, inspector or chair: raise a point against the unit on the floor. */
  'criticism:post': CriticismDraftSchema,
  /** Official, inspector or chair: endorse someone else's criticism (once each). */
  'criticism:endorse': z.object({ criticismId: IdSchema }),
  /** Chair: rename the session. Small, but proves chair-only metadata edits. */
  'session:rename': z.object({ title: NameSchema }),
} as const;

/** The type of every command, e.g. `'criticism:post'`. */
export type CommandType = keyof typeof commandPayloads;

/** Every command type, for exhaustive tests and tables. */
export const commandTypes = Object.keys(commandPayloads) as [CommandType, ...CommandType[]];

/** A command as the server handles it (after validation and defaults). */
export type Command = {
  [K in CommandType]: { type: K; payload: z.output<(typeof commandPayloads)[K]> };
}[CommandType];

/** A command as a client may send it (before defaults). */
export type CommandInput = {
  [K in CommandType]: { type: K; payload: z.input<(typeof commandPayloads)[K]> };
}[CommandType];

/** The command of a given type. */
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;

/** Validates any command: a discriminated union on `type` built from {@link commandPayloads}. */
export const CommandSchema = z.discriminatedUnion(
  'type',
  commandTypes.map((type) => z.object({ type: z.literal(type), payload: commandPayloads[type] })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<CommandType>; payload: z.ZodType }>,
  ],
) as unknown as z.ZodType<Command, CommandInput>;
