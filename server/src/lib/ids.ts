import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IdGenerator } from '../domain/ports.js';

/** Random, URL-safe ids for sessions, items and criticisms. */
export const randomIds: IdGenerator = {
  next: () => randomUUID().replaceAll('-', '').slice(0, 20),
  derive: (...parts) => createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 20),
};

/** A fresh invitation token: 256 bits from the operating system's CSPRNG, base64url. */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How a token is stored: only its SHA-256, so a copy of the database grants nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
