import type {
  AdminIdentity,
  AnswerData,
  CascadeBody,
  AdministratorSummary,
  ApiTokenSummary,
  CreateApiTokenBody,
  CreatedApiToken,
  ConveneBody,
  ImportPreview,
  OrganisationUnit,
  Participant,
  RegisteredUnit,
  SessionParticipant,
  SessionSummary,
  UnitCommitments,
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookAnswerData,
} from '@plenum/shared';
import { apiRequest, apiResource } from '../../api/request';
import type { ImportFile } from '../../lib/useFileImport';

/** Where an administrator prepares a session: its page, signed in with the administrator's token. */
export function preparationHref(sessionId: string, token: string): string {
  return `/s/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(token)}`;
}

/** How the console words a refused call: an administrator's link, each refused field shown beside it. */
export const adminWording = { link: 'administrator', withIssues: false } as const;

const unitsPath = (organisationId: string) => `/api/organisations/${encodeURIComponent(organisationId)}/units`;

/** The REST calls of the administrator's console, typed to the contract of `shared/src/protocol/http.ts`. */
export function adminApi(token: string) {
  return {
    me: () => apiRequest<AdminIdentity>('/api/admin/me', { token }),

    apiTokens: async () =>
      (await apiResource<{ apiTokens: ApiTokenSummary[] }>('/api/v1/admin/tokens', { token })).apiTokens,

    createApiToken: (body: CreateApiTokenBody) =>
      apiResource<CreatedApiToken>('/api/v1/admin/tokens', { method: 'POST', token, body }),

    revokeApiToken: (id: string) =>
      apiResource<unknown>(`/api/v1/admin/tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST', token }),

    administrators: async () =>
      (await apiRequest<{ administrators: AdministratorSummary[] }>('/api/admin/administrators', { token }))
        .administrators,
    inviteAdministrator: (body: { name: string; email: string | null }) =>
      apiRequest<{ administrator: Participant; link: string }>('/api/admin/administrators', {
        method: 'POST',
        token,
        body,
      }),
    revokeAdministrator: (id: string) =>
      apiRequest<unknown>(`/api/admin/administrators/${encodeURIComponent(id)}/revoke`, { method: 'POST', token }),

    units: async (organisationId: string) =>
      (await apiRequest<{ units: RegisteredUnit[] }>(unitsPath(organisationId), { token })).units,
    saveUnit: (organisationId: string, unit: OrganisationUnit) =>
      apiRequest<unknown>(`${unitsPath(organisationId)}/${encodeURIComponent(unit.id)}`, {
        method: 'PUT',
        token,
        body: unit,
      }),
    /** What the unit still has open (agenda items, directives), said before it is retired. */
    unitCommitments: async (organisationId: string, unitId: string) =>
      (
        await apiResource<UnitCommitments>(
          `/api/v1/organisations/${encodeURIComponent(organisationId)}/units/${encodeURIComponent(unitId)}/commitments`,
          { token },
        )
      ).sessions,
    retireUnit: (organisationId: string, unitId: string) =>
      apiRequest<unknown>(`${unitsPath(organisationId)}/${encodeURIComponent(unitId)}/retire`, {
        method: 'POST',
        token,
      }),
    previewImport: (organisationId: string, file: ImportFile) =>
      apiRequest<ImportPreview>(`${unitsPath(organisationId)}/preview`, {
        method: 'POST',
        token,
        body: file.body,
        contentType: file.contentType,
      }),
    applyImport: (organisationId: string, file: ImportFile) =>
      apiRequest<ImportPreview>(unitsPath(organisationId), {
        method: 'POST',
        token,
        body: file.body,
        contentType: file.contentType,
      }),

    sessions: async () => (await apiRequest<{ sessions: SessionSummary[] }>('/api/sessions', { token })).sessions,
    convene: (body: ConveneBody) =>
      apiRequest<AnswerData<'convened'>>('/api/sessions', { method: 'POST', token, body }),
    /** A session's participants with their invitations' standing (revoked or not). */
    sessionParticipants: async (sessionId: string) =>
      (
        await apiRequest<{ participants: SessionParticipant[] }>(
          `/api/sessions/${encodeURIComponent(sessionId)}/invitations`,
          { token },
        )
      ).participants,
    sessionUnits: async (sessionId: string) =>
      (await apiResource<{ units: OrganisationUnit[] }>(`${sessionPath(sessionId)}/units`, { token })).units,
    conveneFollowUp: (sessionId: string, body: CascadeBody) =>
      apiResource<AnswerData<'convened'>>(`${sessionPath(sessionId)}/cascades`, { method: 'POST', token, body }),

    // ---- Webhooks ----
    webhooks: async () => (await apiResource<WebhookAnswerData<'webhooks'>>(webhooksPath, { token })).webhooks,
    createWebhook: (body: CreateWebhookBody) =>
      apiResource<WebhookAnswerData<'webhookCreated'>>(webhooksPath, { method: 'POST', token, body }),
    updateWebhook: (id: string, body: UpdateWebhookBody) =>
      apiResource<WebhookAnswerData<'webhook'>>(webhookPath(id), { method: 'PATCH', token, body }),
    deleteWebhook: (id: string) =>
      apiResource<WebhookAnswerData<'webhookDeleted'>>(webhookPath(id), { method: 'DELETE', token }),
    webhookDeliveries: async (id: string) =>
      (await apiResource<WebhookAnswerData<'deliveries'>>(`${webhookPath(id)}/deliveries`, { token })).deliveries,
    redeliver: (id: string, deliveryId: string) =>
      apiResource<WebhookAnswerData<'delivery'>>(
        `${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
        { method: 'POST', token },
      ),
  };
}

const sessionPath = (sessionId: string) => `/api/v1/sessions/${encodeURIComponent(sessionId)}`;
const webhooksPath = '/api/v1/admin/webhooks';
const webhookPath = (id: string) => `${webhooksPath}/${encodeURIComponent(id)}`;

export type AdminApi = ReturnType<typeof adminApi>;
