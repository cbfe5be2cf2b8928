import { connect, createServer, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

/** A loopback TCP balancer in front of the nodes, as nginx stands in front of them in production. */
export interface Balancer {
  url: string;
  /** How many connections each backend port was given. */
  given: Map<number, number>;
}

/**
 * Hands each new connection to the next backend in turn; a backend that refuses it (killed, or
 * draining) is skipped. WebSocket-only clients need no sticky sessions. Closed when the test finishes.
 */
export async function startBalancer(backendPorts: readonly number[]): Promise<Balancer> {
  let next = 0;
  const given = new Map<number, number>();
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.pause();
    const tryBackend = (attempt: number): void => {
      if (attempt >= backendPorts.length) {
        client.destroy();
        return;
      }
      const port = backendPorts[next++ % backendPorts.length]!;
      const backend = connect(port, '127.0.0.1');
      let isConnected = false;
      backend.on('error', () => {
        backend.destroy();
        if (isConnected) client.destroy();
        else tryBackend(attempt + 1);
      });
      backend.once('connect', () => {
        isConnected = true;
        given.set(port, (given.get(port) ?? 0) + 1);
        open.add(backend);
        backend.once('close', () => {
          open.delete(backend);
          client.destroy();
        });
        client.once('close', () => backend.destroy());
        client.on('error', () => backend.destroy());
        client.pipe(backend);
        backend.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const socket of open) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, given };
}
