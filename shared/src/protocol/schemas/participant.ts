import { z } from 'zod';
import { IdSchema, NameSchema } from './common.js';

/** What a participant may do in a review session. The role comes from the invitation only. */
export const Role = {
  /** Convenes and runs the session: agenda, floor, rulings, directives, warnings. */
  chair: 'chair',
  /** Presents one unit's plan and results and answers criticism. */
  presenter: 'presenter',
  /** Follows presentations, posts and endorses criticisms. */
  official: 'official',
  /** Records verified figures and inspection findings. */
  inspector: 'inspector',
  /** Read-only view, e.g. the big screen in the room. */
  observer: 'observer',
  /**
   * The organisation's administrator: keeps the register, convenes sessions and prepares them
   * (agenda, invitations, notice). Signs in with an administrator link, never invited to a session.
   */
  administrator: 'administrator',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles = Object.values(Role) as [Role, ...Role[]];

/** The roles a session invitation may grant (an administrator is the organisation's, not a session's). */
export const SessionRole = {
  chair: Role.chair,
  presenter: Role.presenter,
  official: Role.official,
  inspector: Role.inspector,
  observer: Role.observer,
} as const;
export type SessionRole = (typeof SessionRole)[keyof typeof SessionRole];
export const sessionRoles = Object.values(SessionRole) as [SessionRole, ...SessionRole[]];

/** A person (or screen) invited to a session, with the role and unit the invitation grants. */
export const ParticipantSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  role: z.enum(Role),
  /** The unit a presenter speaks for; null for roles not tied to a unit. */
  unitId: IdSchema.nullable(),
});
export type Participant = z.infer<typeof ParticipantSchema>;
