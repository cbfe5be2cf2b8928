/** `@plenum/server`: what tests and tools may use. */
export {
  createApp,
  type AdapterFactory,
  type App,
  type AppDeps,
  type WebhookOptions,
  type NotificationOptions,
} from './app.js';
export { checkpointVerifies, type Checkpoint, type CheckpointClaim, type PublicKeyInfo } from './chain/checkpoint.js';
export { eventHash, genesisHash, type ChainedEvent } from './chain/hash.js';
export { verifyLog, type ChainVerdict, type CheckedCheckpoint } from './chain/verifyLog.js';
export { loadConfig, type Config } from './config.js';
export { startServer, type ServerExtras } from './start.js';
export { demoSessionIds, ensureDemo } from './demo/seedDemo.js';
export * as demoData from './demo/demoData.js';
export { CommandService } from './domain/commandService.js';
export { DomainError } from './domain/errors.js';
export * from './domain/ports.js';
export { SessionService } from './domain/sessionService.js';
export { snapshotEvery } from './domain/sessionStates.js';
export { CascadeService } from './domain/cascadeService.js';
export { adminLink, inviteLink } from './http/routes/sessions.js';
export { organisationStream } from './domain/organisationService.js';
export { hashToken, newInvitationToken } from './lib/ids.js';
export { parseTrustProxy, type TrustProxy } from './lib/clientAddress.js';
export { createLogger, type Logger } from './lib/logger.js';
export { maxMessageBytes, messageCompression } from './realtime/createGateway.js';
export { isOriginAllowed } from './realtime/gateway/handshake.js';
export { shareBroadcastFrames } from './realtime/gateway/sharedFrames.js';
export {
  authenticate,
  broadcast,
  commandSteps,
  commit,
  guardSession,
  limit,
  type CommandCall,
  type CommandStep,
} from './realtime/pipeline/commandSteps.js';
export { ack } from './realtime/register.js';
export { outboundMeter, type OutboundMeter } from './realtime/outbound.js';
export { defaultProtections, type Protections } from './realtime/protections.js';
export { InMemoryStore } from './storage/InMemoryStore.js';
export { SqliteStore } from './storage/sqlite/SqliteStore.js';
export { checkpointEveryMs } from './storage/sqlite/WalCheckpoints.js';
export { snapshotPartBytes } from './storage/snapshotParts.js';
export { refusedRange, parseCidrs, publicOnly, type ReceiverPolicy } from './webhooks/receiverPolicy.js';
export { WebhookDispatcher } from './webhooks/WebhookDispatcher.js';
export { smtpMailer, type Mailer, type OutgoingMail } from './notifications/mailer.js';
export { NotificationService } from './notifications/NotificationService.js';
