import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import canonicalize from 'canonicalize';

/** What a checkpoint attests: the log of `sessionId` up to `seq` ends in `headHash`, as of `at`. */
export interface CheckpointClaim {
  sessionId: string;
  seq: number;
  headHash: string;
  at: string;
}

/** A claim signed with the instance's Ed25519 key. */
export interface Checkpoint extends CheckpointClaim {
  /** The signing key's id ({@link keyIdOf}). */
  keyId: string;
  /** Ed25519 signature (base64) over {@link checkpointMessage}. */
  signature: string;
}

/** The instance's published key, as `GET /api/health` gives it. */
export interface PublicKeyInfo {
  algorithm: 'Ed25519';
  keyId: string;
  /** SubjectPublicKeyInfo, PEM. */
  publicKey: string;
}

/** The instance's key pair, with its public part as published. */
export interface SigningKey {
  privateKey: KeyObject;
  published: PublicKeyInfo;
}

/** The setting under which a store keeps its instance's private key (PKCS #8 PEM). */
export const signingKeySetting = 'checkpoint-signing-key';

/** A new Ed25519 private key as PKCS #8 PEM, to keep once per instance. */
export function newSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The first 16 hex digits of the SHA-256 of the public key's DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** The key pair of a stored private key. */
export function loadSigningKey(privatePem: string): SigningKey {
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    published: {
      algorithm: 'Ed25519',
      keyId: keyIdOf(publicKey),
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  };
}

/** The bytes signed: RFC 8785 canonical JSON of the claim with a format tag, so no other message can pass for one. */
export function checkpointMessage(claim: CheckpointClaim): Buffer {
  const { sessionId, seq, headHash, at } = claim;
  return Buffer.from(canonicalize({ format: 'plenum-checkpoint/1', sessionId, seq, headHash, at })!, 'utf8');
}

export function signCheckpoint(key: SigningKey, claim: CheckpointClaim): Checkpoint {
  const { sessionId, seq, headHash, at } = claim;
  const signature = sign(null, checkpointMessage(claim), key.privateKey).toString('base64');
  return { sessionId, seq, headHash, at, keyId: key.published.keyId, signature };
}

/** Whether `checkpoint` was signed by the holder of `publicKeyPem` and not changed since. */
export function checkpointVerifies(checkpoint: Checkpoint, publicKeyPem: string): boolean {
  try {
    const publicKey = createPublicKey(publicKeyPem);
    if (keyIdOf(publicKey) !== checkpoint.keyId) return false;
    return verify(null, checkpointMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}
