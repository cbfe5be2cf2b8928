import { ApiTokenListSchema, CreateApiTokenBodySchema, CreatedApiTokenSchema, IdSchema } from '@plenum/shared';
import type { Request } from 'express';
import { z } from 'zod';
import type { AdminService } from '../../domain/adminService.js';
import type { ApiTokenService } from '../../domain/apiTokens.js';
import { requireAdminNotApiToken } from '../middleware/adminOnly.js';
import type { HttpAuth } from '../middleware/auth.js';
import type { ApiOperation } from '../openapi/operation.js';

export interface ApiTokenRoutesOptions {
  tokens: ApiTokenService;
  admin: AdminService;
  auth: HttpAuth;
}

const TokenParams = z.object({ tokenId: IdSchema });

/**
 * The organisation's API tokens, kept by its administrators (by their own link or ADMIN_TOKEN):
 * create one (the token answered once), list them with their last use, revoke one. An API token
 * never manages tokens, whatever its scopes.
 */
export function apiTokenOperations(options: ApiTokenRoutesOptions): ApiOperation[] {
  async function signIn(req: Request) {
    const signed = await requireAdminNotApiToken(req, options.auth, 'API tokens');
    return { signed, organisationId: await options.admin.organisationId() };
  }

  return [
    {
      method: 'get',
      path: '/api/v1/admin/tokens',
      operationId: 'listApiTokens',
      summary: 'The organisation’s API tokens, newest first, with their last use (never the token)',
      tag: 'API tokens',
      scope: 'administrator',
      response: { status: 200, description: 'The tokens', schema: ApiTokenListSchema },
      handle: async (req) => {
        const { organisationId } = await signIn(req);
        return { apiTokens: await options.tokens.list(organisationId) };
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/tokens',
      operationId: 'createApiToken',
      summary: 'Create an API token with scopes and an expiry; the token is answered this once',
      description:
        'The name tells the token apart in the list and the delivery log: one that another token not revoked ' +
        'already has (letter case aside) is refused with 400, its issue on `name` with the reason `api-token-name-taken`.',
      tag: 'API tokens',
      scope: 'administrator',
      body: CreateApiTokenBodySchema,
      response: { status: 201, description: 'The token, shown once, and its summary', schema: CreatedApiTokenSchema },
      handle: async (req) => {
        const { signed, organisationId } = await signIn(req);
        return options.tokens.create(organisationId, CreateApiTokenBodySchema.parse(req.body), signed.id);
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/tokens/{tokenId}/revoke',
      operationId: 'revokeApiToken',
      summary: 'Revoke an API token: its next request is refused',
      tag: 'API tokens',
      scope: 'administrator',
      params: TokenParams,
      response: { status: 200, description: 'The revoked token', schema: z.object({ tokenId: IdSchema }) },
      refusals: [404],
      handle: async (req) => {
        const { organisationId } = await signIn(req);
        const { tokenId } = TokenParams.parse(req.params);
        await options.tokens.revoke(organisationId, tokenId);
        return { tokenId };
      },
    },
  ];
}
