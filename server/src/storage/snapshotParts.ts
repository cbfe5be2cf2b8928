/**
 * A durable store keeps a snapshot's state in parts of this many UTF-8 bytes: a start reads the
 * parts until the state's first line ends and uses the state while the criticisms behind it are
 * read (`loadSnapshotPart`), and SQLite writes each part in a short transaction of its own.
 */
export const snapshotPartBytes = 256 * 1024;

/**
 * The state's UTF-8 bytes cut into parts, in order, and their length in all (the snapshot head's
 * `bytes`); a state is never empty, so there is at least one part.
 */
export function snapshotParts(state: string): { parts: Buffer[]; bytes: number } {
  const bytes = Buffer.from(state, 'utf8');
  const parts: Buffer[] = [];
  for (let start = 0; start === 0 || start < bytes.length; start += snapshotPartBytes)
    parts.push(bytes.subarray(start, start + snapshotPartBytes));
  return { parts, bytes: bytes.length };
}
