/**
 * The namespaces the screens' words are split into, so a slow link carries only what the
 * screen in front of it shows, in its language only. Each is `locales/<language>/<name>.json`,
 * except `terms`, which the server's records share and which lives in shared.
 *
 * | namespace | words of                                                          | loaded           |
 * | --------- | ----------------------------------------------------------------- | ---------------- |
 * | common    | the shell, the landing page, what an error code means              | first            |
 * | live      | the meeting screens: agenda, floor, criticisms, directives, reports | first            |
 * | terms     | role, status and category labels; the flags of a report            | first            |
 * | admin     | the administrator's console                                        | with its screen  |
 * | prepare   | preparing a session: agenda builder, invitations, notice           | with its screens |
 * | imports   | importing a file: problems by row, a unit's report import          | with its screens |
 * | records   | the dashboard, the minutes and the downloadable records            | with its screens |
 * | notifications | the bell: notifications and the choice of what to receive        | first            |
 * | decisions | directives, the Decisions, inspection plan and attendance views    | with its screens |
 * | confirm   | the questions asked before a step that cannot be taken back        | with its screens |
 * | refusals  | why a command or a request was refused, field by field             | when first needed |
 *
 * `decisions`, `confirm` and `refusals` have no file: they are groups of `live` and `common`
 * served apart ({@link carvedNamespaces}), so the first visit does not carry them.
 */
export const allNamespaces = [
  'common',
  'live',
  'terms',
  'admin',
  'prepare',
  'imports',
  'records',
  'notifications',
  'decisions',
  'confirm',
  'refusals',
] as const;

/** The name of a namespace, e.g. `live`. */
export type Namespace = (typeof allNamespaces)[number];

/** What every screen needs before it first renders. */
export const firstNamespaces = ['common', 'live', 'terms', 'notifications'] as const satisfies readonly Namespace[];

/**
 * Namespaces carved out of another's file when the client is built: their groups are served
 * apart, and the namespace of the file without them. The locale files stay whole, one per
 * namespace a translator sees.
 */
export const carvedNamespaces = {
  decisions: { from: 'live', groups: ['directive', 'decisions', 'inspectionPlan', 'attendance', 'verify'] },
  confirm: { from: 'common', groups: ['confirm'] },
  refusals: { from: 'common', groups: ['refusal', 'refusals'] },
} as const satisfies Partial<Record<Namespace, { from: Namespace; groups: readonly string[] }>>;

/** A namespace with no file of its own. */
export type CarvedNamespace = keyof typeof carvedNamespaces;
