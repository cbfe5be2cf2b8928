import { spawn } from 'node:child_process';
import { onTestFinished } from 'vitest';
import { freePort } from '../../helpers/serverProcess.js';

/** A redis-server of the test's own, on a free loopback port, that the test may stop and start again. */
export interface OwnRedis {
  url: string;
  /** Stops it (SIGTERM by PID) and resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
}

/** Starts `redis-server` with nothing kept on disk; stopped by PID when the test finishes. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let stopRunning: (() => Promise<void>) | null = null;
  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      stopRunning = async () => {
        if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
        await exited;
      };
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (code ${code}):\n${output}`));
      });
    });
  const stop = async (): Promise<void> => {
    await stopRunning?.();
    stopRunning = null;
  };
  onTestFinished(stop);
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}
