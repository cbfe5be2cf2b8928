import { loadConfig } from '../config.js';
import { inspectLog } from '../chain/verifyLog.js';
import { openStore } from '../storage/openStore.js';

/**
 * `npm run verify [-- <session id> …]`: re-walks each named session's log (every session's when
 * none is named) in the store the configuration names (DATA_DIR or DATABASE_URL), recomputing
 * each event's chain hash from seq 1, and checks the session's signed checkpoints against the
 * instance's key and the log. Prints, per session, `intact` with the head and its hash, or the
 * seq of the first broken link; exits 1 when any log is broken or unknown. Safe while the server runs.
 */
async function main(): Promise<number> {
  const store = await openStore(loadConfig(process.env));
  try {
    const named = process.argv.slice(2);
    const sessionIds = named.length > 0 ? named : await store.listSessions();
    const key = await store.publicKey();
    process.stdout.write(`Checkpoint key ${key.keyId} (Ed25519)\n`);
    let failed = 0;
    for (const sessionId of sessionIds) {
      if ((await store.head(sessionId)) === 0) {
        process.stdout.write(`${sessionId}: no such session\n`);
        failed++;
        continue;
      }
      const { verdict, checkpoints } = await inspectLog(store, sessionId, key);
      if (verdict.intact) {
        process.stdout.write(`${sessionId}: intact, head ${verdict.head}, hash ${verdict.headHash}\n`);
      } else {
        failed++;
        process.stdout.write(
          `${sessionId}: BROKEN at seq ${verdict.brokenAt} (${verdict.reason === 'altered' ? 'event or hash altered' : 'event missing'}), head ${verdict.head}\n`,
        );
      }
      for (const checkpoint of checkpoints) {
        const sound = checkpoint.signatureValid && checkpoint.matchesLog;
        if (!sound) failed++;
        process.stdout.write(
          `  checkpoint at seq ${checkpoint.seq} (${checkpoint.at}): ` +
            `signature ${checkpoint.signatureValid ? 'valid' : 'INVALID'}, ` +
            `${checkpoint.matchesLog ? 'matches the log' : 'DOES NOT MATCH the log'}\n`,
        );
      }
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
