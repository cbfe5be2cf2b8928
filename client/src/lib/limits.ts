/**
 * The longest criticism text the protocol accepts (shared `Limits.textLength`). Copied here
 * because `Limits` lives in a shared module that builds zod schemas at load time, which would
 * put zod into the production bundle; `limits.test.ts` fails if the two drift apart.
 */
export const maxCriticismLength = 4000;
