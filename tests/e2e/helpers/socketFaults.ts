import type { Page } from 'playwright-core';

/**
 * A man in the middle of the page's socket.io WebSocket, for faults a network switch cannot
 * make: it forwards every frame both ways until armed, then lets the next `command` through to
 * the server but drops the server's answer to it and cuts the connection, as a network that
 * fails at exactly the wrong moment would. socket.io frames: `42<id>[...]` is an event with an
 * ack id, `43<id>[...]` the answer to it.
 */
export interface LostAnswer {
  /** True once the client talks to the server over the routed WebSocket (its first frame there). */
  isOnWebSocket(): boolean;
  /** Drops the answer to the next `command` whose frame contains `marker`, then cuts the connection. */
  arm(marker: string): void;
  /** True once an answer was dropped. */
  hasDropped(): boolean;
}

export async function loseNextCommandAnswer(page: Page): Promise<LostAnswer> {
  let onWebSocket = false;
  let marker: string | null = null;
  let dropped = false;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    let answerToDrop: string | null = null;
    ws.onMessage((message) => {
      // The client starts on WebSocket (and would send "5", engine.io's upgrade, after polling).
      onWebSocket = true;
      if (typeof message === 'string' && marker !== null && message.startsWith('42') && message.includes(marker)) {
        answerToDrop = /^42(\d+)\["command"/.exec(message)?.[1] ?? null;
        if (answerToDrop !== null) marker = null;
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (answerToDrop !== null && typeof message === 'string' && message.startsWith(`43${answerToDrop}[`)) {
        answerToDrop = null;
        dropped = true;
        void ws.close({ code: 4000, reason: 'connection lost (test)' });
        void server.close();
        return;
      }
      ws.send(message);
    });
  });
  return {
    isOnWebSocket: () => onWebSocket,
    arm: (text) => {
      marker = text;
    },
    hasDropped: () => dropped,
  };
}
