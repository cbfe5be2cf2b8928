import { takeLinkToken, type LinkTokenEnvironment } from './inviteToken';

/** Where this tab keeps the administrator's token. */
export const adminTokenKey = 'plenum:admin-token';

/** The administrator's token, from an administrator link `/admin#token=<token>` or this tab's memory. */
export function takeAdminToken(env: LinkTokenEnvironment): string | null {
  return takeLinkToken(adminTokenKey, env);
}
