import { IdSchema, InstantSchema } from '@plenum/shared';
import { z } from 'zod';
import { inspectLog } from '../../chain/verifyLog.js';
import { DomainError } from '../../domain/errors.js';
import type { Store } from '../../domain/ports.js';
import { requireAdminNotApiToken } from '../middleware/adminOnly.js';
import type { HttpAuth } from '../middleware/auth.js';
import type { ApiOperation } from '../openapi/operation.js';

export interface ChainRoutesOptions {
  store: Store;
  auth: HttpAuth;
}

const SessionParams = z.object({ sessionId: IdSchema });
const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const VerificationQuery = z.object({
  seq: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Also answer the recomputed chain hash at this seq, e.g. the one a printed footer names'),
});

/** The instance's checkpoint key, as `GET /api/health` publishes it. */
export const PublicKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string(),
  publicKey: z.string().describe('SubjectPublicKeyInfo, PEM'),
});

const CheckedCheckpointSchema = z.object({
  sessionId: IdSchema,
  seq: z.number().int().min(1),
  headHash: Hash,
  at: InstantSchema,
  keyId: z.string(),
  signature: z.string().describe('Ed25519 over the RFC 8785 form of {format, sessionId, seq, headHash, at}, base64'),
  signatureValid: z.boolean(),
  matchesLog: z.boolean().describe('The log, re-walked, has this hash at this seq'),
});

/** The answer of `verifySessionLog`: the log's verdict and its checkpoints, each checked. */
export const LogVerificationSchema = z.object({
  verdict: z.discriminatedUnion('intact', [
    z.object({ sessionId: IdSchema, intact: z.literal(true), head: z.number().int(), headHash: Hash }),
    z.object({
      sessionId: IdSchema,
      intact: z.literal(false),
      head: z.number().int(),
      brokenAt: z.number().int().min(1).describe('seq of the first broken link'),
      reason: z.enum(['altered', 'missing']),
    }),
  ]),
  checkpoints: z.array(CheckedCheckpointSchema),
  link: z
    .object({ seq: z.number().int().min(1), hash: Hash })
    .nullable()
    .describe('The hash at `?seq=`; null when not asked, or past the head or a break'),
  key: PublicKeySchema,
});

/** The administrators' check of a session's tamper-evident log. */
export function chainOperations(options: ChainRoutesOptions): ApiOperation[] {
  const { store } = options;
  return [
    {
      method: 'get',
      path: '/api/v1/admin/sessions/{sessionId}/verification',
      operationId: 'verifySessionLog',
      summary: 'Re-walk a session’s log: intact with its head hash, or the first broken link',
      description:
        'Recomputes every event’s chain hash from seq 1 and checks each signed checkpoint (at each day’s adjournment and at the close) against the instance’s key and the log.',
      tag: 'Administration',
      scope: 'administrator',
      params: SessionParams,
      query: VerificationQuery,
      response: { status: 200, description: 'The verdict and the checkpoints', schema: LogVerificationSchema },
      refusals: [404],
      handle: async (req) => {
        await requireAdminNotApiToken(req, options.auth, 'the log’s verification');
        const { sessionId } = SessionParams.parse(req.params);
        const { seq } = VerificationQuery.parse(req.query);
        if ((await store.head(sessionId)) === 0) throw new DomainError('NOT_FOUND', 'No such session.');
        const key = await store.publicKey();
        return { ...(await inspectLog(store, sessionId, key, seq)), key };
      },
    },
  ];
}
