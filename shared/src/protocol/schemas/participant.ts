import { z } from 'zod';
import { Role } from '../vocabulary.js';
import { IdSchema, NameSchema } from './common.js';

export { Role, roles, SessionRole, sessionRoles } from '../vocabulary.js';

/** A person (or screen) invited to a session, with the role and unit the invitation grants. */
export const ParticipantSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  role: z.enum(Role),
  /** The unit a presenter speaks for; null for roles not tied to a unit. */
  unitId: IdSchema.nullable(),
});
export type Participant = z.infer<typeof ParticipantSchema>;
